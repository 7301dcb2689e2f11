-- The active primary workers.
CREATE FUNCTION pg_catalog.citus_get_active_worker_nodes(OUT node_name text, OUT node_port bigint)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT ROWS 100
    AS 'org.jcitus.udfs.NodeUdfs.activeWorkerNodes';
CREATE FUNCTION pg_catalog.master_get_active_worker_nodes(OUT node_name text, OUT node_port bigint)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT ROWS 100
    AS 'org.jcitus.udfs.NodeUdfs.activeWorkerNodes';
