-- Id sequences, with Citus's ranges: shard ids start at 102008; node and group ids leave
-- 4294967295 for a special node.
CREATE SEQUENCE citus.pg_dist_shardid_seq MINVALUE 102008 NO CYCLE;
CREATE SEQUENCE citus.pg_dist_placement_placementid_seq NO CYCLE;
CREATE SEQUENCE citus.pg_dist_groupid_seq MINVALUE 1 MAXVALUE 4294967294;
CREATE SEQUENCE citus.pg_dist_node_nodeid_seq MINVALUE 1 MAXVALUE 4294967294;
CREATE SEQUENCE citus.pg_dist_colocationid_seq MINVALUE 1 MAXVALUE 4294967296;
