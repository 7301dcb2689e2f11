-- Removes a node from the metadata; refused while it holds the only copy of a shard.
CREATE FUNCTION pg_catalog.citus_remove_node(nodename text, nodeport integer)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.removeNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_remove_node(text, integer) FROM public;
CREATE FUNCTION pg_catalog.master_remove_node(nodename text, nodeport integer)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.removeNode';
REVOKE ALL ON FUNCTION pg_catalog.master_remove_node(text, integer) FROM public;
