-- Runs a command once per shard of a table; %s in it is the shard's name.
CREATE FUNCTION pg_catalog.run_command_on_shards(table_name regclass, command text,
                                                 parallel bool DEFAULT true,
                                                 OUT shardid bigint, OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onShards';
