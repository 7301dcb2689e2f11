-- node_management: the life of a cluster, the way Citus's multi_cluster_management walks it:
-- add, list, disable, activate, update, remove, with pg_dist_node after each step.
--
-- citus_disable_node and the seed's modes. The seed (Citus 11.0-1) had force and sync
-- flags; Citus 11.0-2 and 13.2, and jcitus, keep one flag, synchronous:
--   force:false, sync:false  ->  citus_disable_node(n, p)              (not the first worker)
--       the coordinator changes now; metadata workers are marked out of date
--       (metadatasynced = false) and learn it at the next sync
--   force:false, sync:true   ->  citus_disable_node(n, p, synchronous := true)
--       every metadata worker learns it in this transaction: immediately effective, but
--       it fails if one of them is down
--   force:true,  sync:false  ->  no longer offered: the first worker can only be disabled
--                                 synchronously, so that every node agrees on which is first
--   force:true,  sync:true   ->  citus_disable_node(first worker, p, synchronous := true)
-- The next sync is any membership change or start_metadata_sync_to_all_nodes(); jcitus
-- has no maintenance daemon yet to run it in the background as Citus's does.
-- (a run starts from no nodes, so that it can be repeated on the local cluster)
DO $$ BEGIN PERFORM citus_remove_node(nodename, nodeport) FROM pg_dist_node; END $$;
ALTER SEQUENCE pg_catalog.pg_dist_node_nodeid_seq RESTART 1;
ALTER SEQUENCE pg_catalog.pg_dist_groupid_seq RESTART 1;
SELECT citus_is_coordinator();

-- add both workers: they become metadata workers that know their own group
SELECT 1 FROM citus_add_node('127.0.0.1', :worker_1_port);
SELECT 1 FROM master_add_node('127.0.0.1', :worker_2_port);
SELECT * FROM pg_dist_node ORDER BY nodeid;
SELECT * FROM master_get_active_worker_nodes() ORDER BY node_port;
\c - - - :worker_1_port
SELECT citus_is_coordinator(), (SELECT groupid FROM pg_dist_local_group) AS local_group;
SELECT nodeid, groupid, nodeport, hasmetadata, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;
\c - - - :master_port

-- adding a node twice returns its id and records nothing
SELECT citus_add_node('127.0.0.1', :worker_1_port);
SELECT count(*) AS nodes FROM pg_dist_node;

-- bad input: each is refused with nothing recorded, not even a node id used
-- (a port below the ephemeral range: a connection to a free one inside it can, rarely,
-- get that very port as its own and connect to itself)
SELECT citus_add_node('127.0.0.1', :worker_2_port - 30000);
SELECT citus_add_node('127.0.0.1', :master_port);
SELECT citus_add_node('127.0.0.1', :worker_2_port + 100, nodecluster => 'olap');
SELECT citus_add_node('127.0.0.1', :worker_2_port + 100, noderole => 'leader');
SELECT citus_add_node('127.0.0.1', :worker_2_port + 100, groupid => 1);
SELECT citus_disable_node('127.0.0.1', 1234);
SELECT citus_activate_node('no.such.host', 5432);
SELECT citus_remove_node('no.such.host', 5432);
SELECT citus_set_node_property('127.0.0.1', :worker_1_port, 'bogusproperty', false);
SELECT citus_add_inactive_node('127.0.0.1', :worker_2_port + 100, groupid => 0);
SELECT count(*) AS nodes, (SELECT last_value FROM pg_dist_node_nodeid_seq) AS last_node_id FROM pg_dist_node;

-- a node without jcitus, and a node with another version of it
SELECT citus_remove_node('127.0.0.1', :worker_2_port);
\c - - - :worker_2_port
DROP EXTENSION jcitus;
\c - - - :master_port
SELECT citus_add_node('127.0.0.1', :worker_2_port);
\c - - - :worker_2_port
CREATE EXTENSION jcitus;
UPDATE pg_extension SET extversion = '0.0' WHERE extname = 'jcitus';
\c - - - :master_port
SELECT citus_add_node('127.0.0.1', :worker_2_port);
\c - - - :worker_2_port
UPDATE pg_extension SET extversion = '0.1' WHERE extname = 'jcitus';
\c - - - :master_port
SELECT count(*) AS nodes, (SELECT last_value FROM pg_dist_node_nodeid_seq) AS last_node_id FROM pg_dist_node;
SELECT 1 FROM citus_add_node('127.0.0.1', :worker_2_port);

-- only superusers: others may not call the functions, nor change the catalogs
CREATE ROLE node_management_user LOGIN;
SET ROLE node_management_user;
SELECT citus_add_node('127.0.0.1', :worker_2_port + 100);
SELECT citus_disable_node('127.0.0.1', :worker_2_port);
INSERT INTO pg_dist_node (nodename, nodeport) VALUES ('127.0.0.1', 1);
DELETE FROM pg_dist_node;
SELECT count(*) AS visible_nodes FROM pg_dist_node;
RESET ROLE;
GRANT EXECUTE ON FUNCTION citus_add_node(text, int, int, noderole, name) TO node_management_user;
SET ROLE node_management_user;
SELECT citus_add_node('127.0.0.1', :worker_2_port + 100);
RESET ROLE;
DROP OWNED BY node_management_user;
DROP ROLE node_management_user;

-- disable: the first worker only synchronously, and then every node knows at once
SELECT citus_disable_node('127.0.0.1', :worker_1_port);
SELECT citus_disable_node('127.0.0.1', :worker_1_port, synchronous := true);
SELECT nodeid, nodeport, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;
SELECT * FROM citus_get_active_worker_nodes();
\c - - - :worker_2_port
SELECT array_agg(isactive ORDER BY nodeport) AS isactive_on_worker_2 FROM pg_dist_node;
\c - - - :master_port
SELECT citus_activate_node('127.0.0.1', :worker_1_port);
SELECT nodeid, nodeport, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;

-- disable without synchronous: the workers' copies are out of date until the next sync
SELECT citus_disable_node('127.0.0.1', :worker_2_port);
SELECT nodeid, nodeport, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;
\c - - - :worker_1_port
SELECT array_agg(isactive ORDER BY nodeport) AS isactive_on_worker_1 FROM pg_dist_node;
\c - - - :master_port
SELECT start_metadata_sync_to_all_nodes();
SELECT nodeid, nodeport, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;
\c - - - :worker_1_port
SELECT array_agg(isactive ORDER BY nodeport) AS isactive_on_worker_1 FROM pg_dist_node;
\c - - - :master_port
SELECT master_activate_node('127.0.0.1', :worker_2_port);

-- a node that holds the only placement of a shard can be neither disabled nor removed
-- (placements made by hand here; distributed tables come with create_distributed_table)
CREATE TABLE placed (a int);
INSERT INTO pg_dist_shard VALUES ('placed', 102008, 't', '-2147483648', '2147483647');
INSERT INTO pg_dist_placement (shardid, shardstate, shardlength, groupid)
     SELECT 102008, 1, 0, groupid FROM pg_dist_node WHERE nodeport = :worker_2_port;
SELECT citus_disable_node('127.0.0.1', :worker_2_port);
SELECT citus_remove_node('127.0.0.1', :worker_2_port);
SELECT nodeport, isactive FROM pg_dist_node ORDER BY nodeid;
-- with a copy on another active node, it can go
INSERT INTO pg_dist_placement (shardid, shardstate, shardlength, groupid)
     SELECT 102008, 1, 0, groupid FROM pg_dist_node WHERE nodeport = :worker_1_port;
SELECT citus_disable_node('127.0.0.1', :worker_2_port);
SELECT citus_activate_node('127.0.0.1', :worker_2_port);
DELETE FROM pg_dist_placement WHERE shardid = 102008;
DELETE FROM pg_dist_shard WHERE shardid = 102008;
DROP TABLE placed;

-- a node that cannot be reached fails activation, and nothing changes anywhere
SELECT citus_add_inactive_node('127.0.0.1', :worker_2_port + 100) AS unreachable_id \gset
SELECT citus_activate_node('127.0.0.1', :worker_2_port + 100);
SELECT nodeid, nodeport, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;
SELECT citus_remove_node('127.0.0.1', :worker_2_port + 100);

-- membership changes roll back with the transaction, on every node
BEGIN;
SELECT citus_remove_node('127.0.0.1', :worker_2_port);
SELECT count(*) AS nodes_in_transaction FROM pg_dist_node;
ROLLBACK;
SELECT count(*) AS nodes FROM pg_dist_node;
\c - - - :worker_1_port
SELECT count(*) AS nodes_on_worker_1 FROM pg_dist_node;
\c - - - :master_port
-- rolling back to a savepoint undoes membership changes on every node too
BEGIN;
SAVEPOINT before_removal;
SELECT citus_remove_node('127.0.0.1', :worker_2_port);
ROLLBACK TO SAVEPOINT before_removal;
SELECT count(*) AS nodes_after_rollback_to_savepoint FROM pg_dist_node;
COMMIT;
SELECT count(*) AS nodes FROM pg_dist_node;
\c - - - :worker_1_port
SELECT count(*) AS nodes_on_worker_1 FROM pg_dist_node;
\c - - - :master_port

-- update: point a node id at another address
SELECT citus_update_node(100, '127.0.0.1', 1);
SELECT citus_update_node(nodeid, '127.0.0.1', :worker_2_port) FROM pg_dist_node WHERE nodeport = :worker_1_port;
SELECT citus_update_node(nodeid, 'localhost', :worker_1_port) FROM pg_dist_node WHERE nodeport = :worker_1_port;
SELECT nodeid, nodename, nodeport, metadatasynced FROM pg_dist_node ORDER BY nodeid;
SELECT citus_update_node(nodeid, '127.0.0.1', :worker_1_port) FROM pg_dist_node WHERE nodeport = :worker_1_port;
SELECT start_metadata_sync_to_all_nodes();

-- a metadata worker that is down fails a change that must reach it, and the change is
-- undone on every node (worker 1 "goes down" by pointing its node at a closed port)
SELECT citus_update_node(nodeid, '127.0.0.1', :worker_2_port + 100) FROM pg_dist_node WHERE nodeport = :worker_1_port;
SELECT citus_set_node_property('127.0.0.1', :worker_2_port, 'shouldhaveshards', false);
SELECT nodeport, shouldhaveshards FROM pg_dist_node ORDER BY nodeid;
\c - - - :worker_2_port
SELECT nodeport, shouldhaveshards FROM pg_dist_node ORDER BY nodeid;
\c - - - :master_port
SELECT citus_update_node(nodeid, '127.0.0.1', :worker_1_port) FROM pg_dist_node WHERE nodeport = :worker_2_port + 100;
SELECT start_metadata_sync_to_all_nodes();

-- the coordinator in the metadata, and a property of a node
SELECT citus_set_coordinator_host('127.0.0.1');
SELECT citus_set_node_property('127.0.0.1', :worker_2_port, 'shouldhaveshards', false);
SELECT * FROM pg_dist_node ORDER BY nodeid;
SELECT citus_disable_node('127.0.0.1', :master_port);
\c - - - :worker_2_port
SELECT nodeid, groupid, nodeport, shouldhaveshards FROM pg_dist_node ORDER BY nodeid;
\c - - - :master_port
SELECT citus_set_node_property('127.0.0.1', :worker_2_port, 'shouldhaveshards', true);
-- the coordinator may leave the metadata while nothing is placed on it (as in Citus)
SELECT citus_remove_node('127.0.0.1', :master_port);

-- remove a worker, then bring it back: the cluster ends with both workers active
SELECT citus_remove_node('127.0.0.1', :worker_2_port);
SELECT nodeid, nodeport FROM pg_dist_node ORDER BY nodeid;
\c - - - :worker_1_port
SELECT nodeid, nodeport FROM pg_dist_node ORDER BY nodeid;
\c - - - :master_port
SELECT 1 FROM citus_add_node('127.0.0.1', :worker_2_port);
SELECT nodeid, groupid, nodeport, hasmetadata, isactive, metadatasynced FROM pg_dist_node ORDER BY nodeid;
