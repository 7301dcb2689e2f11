-- Registers a node without activating it: it takes no placements and serves no queries.
CREATE FUNCTION pg_catalog.citus_add_inactive_node(nodename text, nodeport integer,
                                                   groupid integer DEFAULT -1,
                                                   noderole noderole DEFAULT 'primary',
                                                   nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addInactiveNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_add_inactive_node(text, integer, integer, noderole, name) FROM public;
CREATE FUNCTION pg_catalog.master_add_inactive_node(nodename text, nodeport integer,
                                                    groupid integer DEFAULT -1,
                                                    noderole noderole DEFAULT 'primary',
                                                    nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addInactiveNode';
REVOKE ALL ON FUNCTION pg_catalog.master_add_inactive_node(text, integer, integer, noderole, name) FROM public;
