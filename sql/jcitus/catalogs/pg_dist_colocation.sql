-- Colocation groups: tables whose shards line up, by shard count, column type and collation.
CREATE TABLE citus.pg_dist_colocation (
    colocationid int NOT NULL PRIMARY KEY,
    shardcount int NOT NULL,
    replicationfactor int NOT NULL,
    distributioncolumntype oid NOT NULL,
    distributioncolumncollation oid NOT NULL
);
CREATE INDEX pg_dist_colocation_configuration_index ON citus.pg_dist_colocation
    (distributioncolumntype, shardcount, replicationfactor, distributioncolumncollation);
