-- Runs a command on every active node, the coordinator included.
CREATE FUNCTION pg_catalog.run_command_on_all_nodes(command text, parallel bool DEFAULT true,
                                                    give_warning_for_connection_errors bool DEFAULT false,
                                                    OUT nodeid int, OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onAllNodes';
