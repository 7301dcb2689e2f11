-- Into pg_catalog, as Citus keeps them. Everyone may read the catalogs; only superusers
-- (the extension's owner) may change them.
ALTER TYPE citus.noderole SET SCHEMA pg_catalog;
ALTER SEQUENCE citus.pg_dist_shardid_seq SET SCHEMA pg_catalog;
ALTER SEQUENCE citus.pg_dist_placement_placementid_seq SET SCHEMA pg_catalog;
ALTER SEQUENCE citus.pg_dist_groupid_seq SET SCHEMA pg_catalog;
ALTER SEQUENCE citus.pg_dist_node_nodeid_seq SET SCHEMA pg_catalog;
ALTER SEQUENCE citus.pg_dist_colocationid_seq SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_node SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_node_metadata SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_local_group SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_partition SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_shard SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_placement SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_colocation SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_object SET SCHEMA pg_catalog;
ALTER TABLE citus.pg_dist_transaction SET SCHEMA pg_catalog;
GRANT USAGE ON SCHEMA citus, citus_internal TO public;
GRANT SELECT ON pg_catalog.pg_dist_node, pg_catalog.pg_dist_node_metadata,
    pg_catalog.pg_dist_local_group, pg_catalog.pg_dist_partition, pg_catalog.pg_dist_shard,
    pg_catalog.pg_dist_placement, pg_catalog.pg_dist_colocation, pg_catalog.pg_dist_object,
    pg_catalog.pg_dist_transaction TO public;
GRANT SELECT ON pg_catalog.pg_dist_shardid_seq, pg_catalog.pg_dist_placement_placementid_seq,
    pg_catalog.pg_dist_groupid_seq, pg_catalog.pg_dist_node_nodeid_seq,
    pg_catalog.pg_dist_colocationid_seq TO public;
