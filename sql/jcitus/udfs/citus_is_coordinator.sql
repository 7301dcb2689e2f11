-- Whether this node is the coordinator (group 0).
CREATE FUNCTION pg_catalog.citus_is_coordinator()
    RETURNS bool
    LANGUAGE pljvm STABLE
    AS 'org.jcitus.udfs.NodeUdfs.isCoordinator';
