-- The group of this node: 0 (the coordinator) until the coordinator activates it as a worker.
CREATE TABLE citus.pg_dist_local_group (
    groupid int NOT NULL PRIMARY KEY
);
INSERT INTO citus.pg_dist_local_group VALUES (0);
