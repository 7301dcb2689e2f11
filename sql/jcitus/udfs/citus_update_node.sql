-- Points a node id at another host and port, e.g. after a failover.
CREATE FUNCTION pg_catalog.citus_update_node(node_id int, new_node_name text, new_node_port int,
                                             force bool DEFAULT false,
                                             lock_cooldown int DEFAULT 10000)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.updateNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_update_node(int, text, int, bool, int) FROM public;
CREATE FUNCTION pg_catalog.master_update_node(node_id int, new_node_name text, new_node_port int,
                                              force bool DEFAULT false,
                                              lock_cooldown int DEFAULT 10000)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.updateNode';
REVOKE ALL ON FUNCTION pg_catalog.master_update_node(int, text, int, bool, int) FROM public;
