-- Sets a property of a node; only 'shouldhaveshards' exists.
CREATE FUNCTION pg_catalog.citus_set_node_property(nodename text, nodeport integer,
                                                   property text, value boolean)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.setNodeProperty';
REVOKE ALL ON FUNCTION pg_catalog.citus_set_node_property(text, integer, text, boolean) FROM public;
