-- Where each shard lives: one row per copy, by node group.
CREATE TABLE citus.pg_dist_placement (
    placementid bigint NOT NULL DEFAULT nextval('citus.pg_dist_placement_placementid_seq'),
    shardid bigint NOT NULL,
    shardstate int NOT NULL,
    shardlength bigint NOT NULL,
    groupid int NOT NULL,
    CONSTRAINT placement_shardid_groupid_unique_index UNIQUE (shardid, groupid)
);
CREATE UNIQUE INDEX pg_dist_placement_placementid_index ON citus.pg_dist_placement (placementid);
CREATE INDEX pg_dist_placement_groupid_index ON citus.pg_dist_placement (groupid);
CREATE INDEX pg_dist_placement_shardid_index ON citus.pg_dist_placement (shardid);
