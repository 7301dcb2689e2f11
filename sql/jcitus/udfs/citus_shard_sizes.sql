-- The size of every shard placement on the active nodes.
CREATE FUNCTION pg_catalog.citus_shard_sizes(OUT shard_id bigint, OUT size bigint)
    RETURNS SETOF record
    LANGUAGE pljvm
    AS 'org.jcitus.udfs.TableUdfs.shardSizes';
