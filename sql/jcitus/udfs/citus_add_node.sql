-- Adds a node and activates it: it gets the metadata and what it needs to serve queries.
CREATE FUNCTION pg_catalog.citus_add_node(nodename text, nodeport integer,
                                          groupid integer DEFAULT -1,
                                          noderole noderole DEFAULT 'primary',
                                          nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_add_node(text, integer, integer, noderole, name) FROM public;
-- the name Citus had before 10.0
CREATE FUNCTION pg_catalog.master_add_node(nodename text, nodeport integer,
                                           groupid integer DEFAULT -1,
                                           noderole noderole DEFAULT 'primary',
                                           nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addNode';
REVOKE ALL ON FUNCTION pg_catalog.master_add_node(text, integer, integer, noderole, name) FROM public;
