-- The 32-bit hash a hash index computes for a value: its type's default hash support
-- function, called on the value (SQL cannot call hashint4 on a date, say).
CREATE FUNCTION pljvm.type_hash(anyelement)
    RETURNS integer
    LANGUAGE C STRICT IMMUTABLE PARALLEL SAFE
    AS 'MODULE_PATHNAME', 'pljvm_type_hash';
