-- Runs a command on each pair of colocated placements of two tables, on the node that
-- holds both; the command gets both shard names.
CREATE FUNCTION pg_catalog.run_command_on_colocated_placements(table_name1 regclass, table_name2 regclass,
                                                               command text, parallel bool DEFAULT true,
                                                               OUT nodename text, OUT nodeport int,
                                                               OUT shardid1 bigint, OUT shardid2 bigint,
                                                               OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onColocatedPlacements';
