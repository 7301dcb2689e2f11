-- Registers this node as the coordinator (group 0) under the address workers reach it at.
CREATE FUNCTION pg_catalog.citus_set_coordinator_host(host text,
                                                      port integer DEFAULT current_setting('port')::int,
                                                      node_role noderole DEFAULT 'primary',
                                                      node_cluster name DEFAULT 'default')
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.setCoordinatorHost';
REVOKE ALL ON FUNCTION pg_catalog.citus_set_coordinator_host(text, integer, noderole, name) FROM public;
