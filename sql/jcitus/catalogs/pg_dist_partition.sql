-- The distributed tables: how each is split (partmethod 'h' hash, 'n' none) and on what.
CREATE TABLE citus.pg_dist_partition (
    logicalrelid regclass NOT NULL,
    partmethod "char" NOT NULL,
    partkey text,
    colocationid integer NOT NULL DEFAULT 0,
    repmodel "char" NOT NULL DEFAULT 'c',
    autoconverted boolean DEFAULT false
);
CREATE UNIQUE INDEX pg_dist_partition_logical_relid_index ON citus.pg_dist_partition (logicalrelid);
CREATE INDEX pg_dist_partition_colocationid_index ON citus.pg_dist_partition (colocationid);
