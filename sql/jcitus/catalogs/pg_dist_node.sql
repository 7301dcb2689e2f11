-- The nodes of the cluster: one row per PostgreSQL server; group 0 is the coordinator.
CREATE TABLE citus.pg_dist_node (
    nodeid int NOT NULL DEFAULT nextval('citus.pg_dist_node_nodeid_seq') PRIMARY KEY,
    groupid int NOT NULL DEFAULT nextval('citus.pg_dist_groupid_seq'),
    nodename text NOT NULL,
    nodeport int NOT NULL DEFAULT 5432,
    noderack text NOT NULL DEFAULT 'default',
    hasmetadata bool NOT NULL DEFAULT false,
    isactive bool NOT NULL DEFAULT true,
    noderole citus.noderole NOT NULL DEFAULT 'primary',
    nodecluster name NOT NULL DEFAULT 'default',
    metadatasynced bool DEFAULT false,
    shouldhaveshards bool NOT NULL DEFAULT true,
    nodeisclone bool NOT NULL DEFAULT false,
    nodeprimarynodeid int4 NOT NULL DEFAULT 0,
    UNIQUE (nodename, nodeport),
    CONSTRAINT primaries_are_only_allowed_in_the_default_cluster
        CHECK (NOT (nodecluster <> 'default' AND noderole = 'primary'))
);
