-- The version of jcitus this node runs.
CREATE FUNCTION pg_catalog.citus_version()
    RETURNS text
    LANGUAGE pljvm STABLE
    AS 'org.jcitus.udfs.NodeUdfs.version';
