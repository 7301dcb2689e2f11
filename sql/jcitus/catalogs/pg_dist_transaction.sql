-- Prepared remote transactions of committed distributed transactions, for recovery.
CREATE TABLE citus.pg_dist_transaction (
    groupid int NOT NULL,
    gid text NOT NULL,
    outer_xid xid8,
    CONSTRAINT pg_dist_transaction_unique_constraint UNIQUE (groupid, gid)
);
CREATE INDEX pg_dist_transaction_group_index ON citus.pg_dist_transaction (groupid);
