-- Takes a node out of service: no new placements, no queries. synchronous := true makes
-- every metadata node see it before the call returns (required for the first worker).
CREATE FUNCTION pg_catalog.citus_disable_node(nodename text, nodeport integer,
                                              synchronous bool DEFAULT false)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.disableNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_disable_node(text, integer, bool) FROM public;
-- the pre-10.0 name, which disables synchronously
CREATE FUNCTION pg_catalog.master_disable_node(nodename text, nodeport integer)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.disableNodeSynchronously';
REVOKE ALL ON FUNCTION pg_catalog.master_disable_node(text, integer) FROM public;
