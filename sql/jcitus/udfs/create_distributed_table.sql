-- Shards a table across the workers by the hash of a column, colocated with others of the
-- same column type and shard count unless colocate_with says otherwise.
CREATE FUNCTION pg_catalog.create_distributed_table(table_name regclass,
                                                    distribution_column text,
                                                    distribution_type citus.distribution_type DEFAULT 'hash',
                                                    colocate_with text DEFAULT 'default',
                                                    shard_count int DEFAULT NULL)
    RETURNS void
    LANGUAGE pljvm
    AS 'org.jcitus.udfs.TableUdfs.createDistributedTable';
