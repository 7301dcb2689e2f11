-- Runs a command on every active worker, each in a transaction of its own.
CREATE FUNCTION pg_catalog.run_command_on_workers(command text, parallel bool DEFAULT true,
                                                  OUT nodename text, OUT nodeport int,
                                                  OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onWorkers';
