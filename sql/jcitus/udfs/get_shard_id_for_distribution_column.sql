-- The shard that holds a value of the distribution column.
CREATE FUNCTION pg_catalog.get_shard_id_for_distribution_column(table_name regclass,
                                                                distribution_value "any" DEFAULT NULL)
    RETURNS bigint
    LANGUAGE pljvm
    AS 'org.jcitus.udfs.TableUdfs.shardIdForValue';
