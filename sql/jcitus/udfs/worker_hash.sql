-- The hash Citus distributes a value by: its type's default hash support function.
CREATE FUNCTION pg_catalog.worker_hash(value anyelement)
    RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS 'SELECT pljvm.type_hash(value)';
