-- Objects (schemas, types, functions, ...) that exist on every node.
CREATE TABLE citus.pg_dist_object (
    classid oid NOT NULL,
    objid oid NOT NULL,
    objsubid integer NOT NULL,
    type text DEFAULT NULL,
    object_names text[] DEFAULT NULL,
    object_args text[] DEFAULT NULL,
    distribution_argument_index int,
    colocationid int,
    force_delegation bool DEFAULT NULL,
    CONSTRAINT pg_dist_object_pkey PRIMARY KEY (classid, objid, objsubid)
);
