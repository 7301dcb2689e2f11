-- The name of a shard's table: the table's name with the shard id, schema-qualified unless public.
CREATE FUNCTION pg_catalog.shard_name(object_name regclass, shard_id bigint)
    RETURNS text
    LANGUAGE pljvm STABLE STRICT
    AS 'org.jcitus.udfs.TableUdfs.shardName';
