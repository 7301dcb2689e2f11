-- Activates a registered node: the one place a node receives objects, reference-table
-- copies and metadata.
CREATE FUNCTION pg_catalog.citus_activate_node(nodename text, nodeport integer)
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.activateNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_activate_node(text, integer) FROM public;
CREATE FUNCTION pg_catalog.master_activate_node(nodename text, nodeport integer)
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.activateNode';
REVOKE ALL ON FUNCTION pg_catalog.master_activate_node(text, integer) FROM public;
