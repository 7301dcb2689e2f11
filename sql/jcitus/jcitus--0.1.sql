-- The schemas jcitus keeps its own objects in; the catalogs are made here and then moved
-- to pg_catalog (move_to_pg_catalog.sql), where PostgreSQL lets an extension put tables
-- only by ALTER ... SET SCHEMA.
CREATE SCHEMA citus;
CREATE SCHEMA citus_internal;
-- The role of a node in its group.
CREATE TYPE citus.noderole AS ENUM ('primary', 'secondary', 'unavailable');
-- How create_distributed_table may split a table; jcitus implements hash.
CREATE TYPE citus.distribution_type AS ENUM ('hash', 'range', 'append');
-- Id sequences, with Citus's ranges: shard ids start at 102008; node and group ids leave
-- 4294967295 for a special node.
CREATE SEQUENCE citus.pg_dist_shardid_seq MINVALUE 102008 NO CYCLE;
CREATE SEQUENCE citus.pg_dist_placement_placementid_seq NO CYCLE;
CREATE SEQUENCE citus.pg_dist_groupid_seq MINVALUE 1 MAXVALUE 4294967294;
CREATE SEQUENCE citus.pg_dist_node_nodeid_seq MINVALUE 1 MAXVALUE 4294967294;
CREATE SEQUENCE citus.pg_dist_colocationid_seq MINVALUE 1 MAXVALUE 4294967296;
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
-- Facts about this server itself; server_id tells a node it is talking to itself.
CREATE TABLE citus.pg_dist_node_metadata (
    metadata jsonb NOT NULL
);
INSERT INTO citus.pg_dist_node_metadata
    VALUES (jsonb_build_object('server_id', gen_random_uuid()::text));
-- The group of this node: 0 (the coordinator) until the coordinator activates it as a worker.
CREATE TABLE citus.pg_dist_local_group (
    groupid int NOT NULL PRIMARY KEY
);
INSERT INTO citus.pg_dist_local_group VALUES (0);
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
-- The shards of each distributed table, with the hash range each holds (as text).
CREATE TABLE citus.pg_dist_shard (
    logicalrelid regclass NOT NULL,
    shardid int8 NOT NULL,
    shardstorage "char" NOT NULL,
    shardminvalue text,
    shardmaxvalue text
);
CREATE UNIQUE INDEX pg_dist_shard_shardid_index ON citus.pg_dist_shard (shardid);
CREATE INDEX pg_dist_shard_logical_relid_index ON citus.pg_dist_shard (logicalrelid);
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
-- Prepared remote transactions of committed distributed transactions, for recovery.
CREATE TABLE citus.pg_dist_transaction (
    groupid int NOT NULL,
    gid text NOT NULL,
    outer_xid xid8,
    CONSTRAINT pg_dist_transaction_unique_constraint UNIQUE (groupid, gid)
);
CREATE INDEX pg_dist_transaction_group_index ON citus.pg_dist_transaction (groupid);
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
-- The version of jcitus this node runs.
CREATE FUNCTION pg_catalog.citus_version()
    RETURNS text
    LANGUAGE pljvm STABLE
    AS 'org.jcitus.udfs.NodeUdfs.version';
-- Whether this node is the coordinator (group 0).
CREATE FUNCTION pg_catalog.citus_is_coordinator()
    RETURNS bool
    LANGUAGE pljvm STABLE
    AS 'org.jcitus.udfs.NodeUdfs.isCoordinator';
-- Adds a node and activates it: it gets the metadata and what it needs to serve queries.
CREATE FUNCTION pg_catalog.citus_add_node(nodename text, nodeport integer,
                                          groupid integer DEFAULT -1,
                                          noderole noderole DEFAULT 'primary',
                                          nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_add_node(text, integer, integer, noderole, name) FROM public;
-- the name Citus had before 10.0
CREATE FUNCTION pg_catalog.master_add_node(nodename text, nodeport integer,
                                           groupid integer DEFAULT -1,
                                           noderole noderole DEFAULT 'primary',
                                           nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addNode';
REVOKE ALL ON FUNCTION pg_catalog.master_add_node(text, integer, integer, noderole, name) FROM public;
-- Registers a node without activating it: it takes no placements and serves no queries.
CREATE FUNCTION pg_catalog.citus_add_inactive_node(nodename text, nodeport integer,
                                                   groupid integer DEFAULT -1,
                                                   noderole noderole DEFAULT 'primary',
                                                   nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addInactiveNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_add_inactive_node(text, integer, integer, noderole, name) FROM public;
CREATE FUNCTION pg_catalog.master_add_inactive_node(nodename text, nodeport integer,
                                                    groupid integer DEFAULT -1,
                                                    noderole noderole DEFAULT 'primary',
                                                    nodecluster name DEFAULT 'default')
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.addInactiveNode';
REVOKE ALL ON FUNCTION pg_catalog.master_add_inactive_node(text, integer, integer, noderole, name) FROM public;
-- Activates a registered node: the one place a node receives objects, reference-table
-- copies and metadata.
CREATE FUNCTION pg_catalog.citus_activate_node(nodename text, nodeport integer)
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.activateNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_activate_node(text, integer) FROM public;
CREATE FUNCTION pg_catalog.master_activate_node(nodename text, nodeport integer)
    RETURNS integer
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.activateNode';
REVOKE ALL ON FUNCTION pg_catalog.master_activate_node(text, integer) FROM public;
-- Takes a node out of service: no new placements, no queries. synchronous := true makes
-- every metadata node see it before the call returns (required for the first worker).
CREATE FUNCTION pg_catalog.citus_disable_node(nodename text, nodeport integer,
                                              synchronous bool DEFAULT false)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.disableNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_disable_node(text, integer, bool) FROM public;
-- the pre-10.0 name, which disables synchronously
CREATE FUNCTION pg_catalog.master_disable_node(nodename text, nodeport integer)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.disableNodeSynchronously';
REVOKE ALL ON FUNCTION pg_catalog.master_disable_node(text, integer) FROM public;
-- Removes a node from the metadata; refused while it holds the only copy of a shard.
CREATE FUNCTION pg_catalog.citus_remove_node(nodename text, nodeport integer)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.removeNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_remove_node(text, integer) FROM public;
CREATE FUNCTION pg_catalog.master_remove_node(nodename text, nodeport integer)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.removeNode';
REVOKE ALL ON FUNCTION pg_catalog.master_remove_node(text, integer) FROM public;
-- Points a node id at another host and port, e.g. after a failover.
CREATE FUNCTION pg_catalog.citus_update_node(node_id int, new_node_name text, new_node_port int,
                                             force bool DEFAULT false,
                                             lock_cooldown int DEFAULT 10000)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.updateNode';
REVOKE ALL ON FUNCTION pg_catalog.citus_update_node(int, text, int, bool, int) FROM public;
CREATE FUNCTION pg_catalog.master_update_node(node_id int, new_node_name text, new_node_port int,
                                              force bool DEFAULT false,
                                              lock_cooldown int DEFAULT 10000)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.updateNode';
REVOKE ALL ON FUNCTION pg_catalog.master_update_node(int, text, int, bool, int) FROM public;
-- Registers this node as the coordinator (group 0) under the address workers reach it at.
CREATE FUNCTION pg_catalog.citus_set_coordinator_host(host text,
                                                      port integer DEFAULT current_setting('port')::int,
                                                      node_role noderole DEFAULT 'primary',
                                                      node_cluster name DEFAULT 'default')
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.setCoordinatorHost';
REVOKE ALL ON FUNCTION pg_catalog.citus_set_coordinator_host(text, integer, noderole, name) FROM public;
-- Sets a property of a node; only 'shouldhaveshards' exists.
CREATE FUNCTION pg_catalog.citus_set_node_property(nodename text, nodeport integer,
                                                   property text, value boolean)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.setNodeProperty';
REVOKE ALL ON FUNCTION pg_catalog.citus_set_node_property(text, integer, text, boolean) FROM public;
-- The active primary workers.
CREATE FUNCTION pg_catalog.citus_get_active_worker_nodes(OUT node_name text, OUT node_port bigint)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT ROWS 100
    AS 'org.jcitus.udfs.NodeUdfs.activeWorkerNodes';
CREATE FUNCTION pg_catalog.master_get_active_worker_nodes(OUT node_name text, OUT node_port bigint)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT ROWS 100
    AS 'org.jcitus.udfs.NodeUdfs.activeWorkerNodes';
-- Brings every metadata node whose copy is out of date (metadatasynced = false) up to date.
CREATE FUNCTION pg_catalog.start_metadata_sync_to_all_nodes()
    RETURNS bool
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.NodeUdfs.syncMetadataToAllNodes';
REVOKE ALL ON FUNCTION pg_catalog.start_metadata_sync_to_all_nodes() FROM public;
-- Shards a table across the workers by the hash of a column, colocated with others of the
-- same column type and shard count unless colocate_with says otherwise.
CREATE FUNCTION pg_catalog.create_distributed_table(table_name regclass,
                                                    distribution_column text,
                                                    distribution_type citus.distribution_type DEFAULT 'hash',
                                                    colocate_with text DEFAULT 'default',
                                                    shard_count int DEFAULT NULL)
    RETURNS void
    LANGUAGE pljvm
    AS 'org.jcitus.udfs.TableUdfs.createDistributedTable';
-- Keeps one shard of a table, with a copy on every node (the coordinator included).
CREATE FUNCTION pg_catalog.create_reference_table(table_name regclass)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.createReferenceTable';
-- The shard that holds a value of the distribution column.
CREATE FUNCTION pg_catalog.get_shard_id_for_distribution_column(table_name regclass,
                                                                distribution_value "any" DEFAULT NULL)
    RETURNS bigint
    LANGUAGE pljvm
    AS 'org.jcitus.udfs.TableUdfs.shardIdForValue';
-- The name of a shard's table: the table's name with the shard id, schema-qualified unless public.
CREATE FUNCTION pg_catalog.shard_name(object_name regclass, shard_id bigint)
    RETURNS text
    LANGUAGE pljvm STABLE STRICT
    AS 'org.jcitus.udfs.TableUdfs.shardName';
-- Runs a command on every active worker, each in a transaction of its own.
CREATE FUNCTION pg_catalog.run_command_on_workers(command text, parallel bool DEFAULT true,
                                                  OUT nodename text, OUT nodeport int,
                                                  OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onWorkers';
-- Runs a command on every active node, the coordinator included.
CREATE FUNCTION pg_catalog.run_command_on_all_nodes(command text, parallel bool DEFAULT true,
                                                    give_warning_for_connection_errors bool DEFAULT false,
                                                    OUT nodeid int, OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onAllNodes';
-- Runs a command on every placement of a table; %s in it is the shard's name.
CREATE FUNCTION pg_catalog.run_command_on_placements(table_name regclass, command text,
                                                     parallel bool DEFAULT true,
                                                     OUT nodename text, OUT nodeport int,
                                                     OUT shardid bigint, OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onPlacements';
-- Runs a command once per shard of a table; %s in it is the shard's name.
CREATE FUNCTION pg_catalog.run_command_on_shards(table_name regclass, command text,
                                                 parallel bool DEFAULT true,
                                                 OUT shardid bigint, OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onShards';
-- Runs a command on each pair of colocated placements of two tables, on the node that
-- holds both; the command gets both shard names.
CREATE FUNCTION pg_catalog.run_command_on_colocated_placements(table_name1 regclass, table_name2 regclass,
                                                               command text, parallel bool DEFAULT true,
                                                               OUT nodename text, OUT nodeport int,
                                                               OUT shardid1 bigint, OUT shardid2 bigint,
                                                               OUT success bool, OUT result text)
    RETURNS SETOF record
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.RunCommandUdfs.onColocatedPlacements';
-- DROP TABLE of a distributed or reference table drops its shards on every node.
CREATE FUNCTION citus_internal.citus_drop_trigger()
    RETURNS event_trigger
    LANGUAGE pljvm
    AS 'org.jcitus.hooks.DropHook.onSqlDrop';
CREATE EVENT TRIGGER citus_cascade_to_partition
    ON sql_drop
    EXECUTE FUNCTION citus_internal.citus_drop_trigger();
-- TRUNCATE of a distributed or reference table truncates its shards: every Citus table
-- gets an AFTER TRUNCATE trigger (truncate_trigger) that calls this.
CREATE FUNCTION citus_internal.citus_truncate_trigger()
    RETURNS trigger
    LANGUAGE pljvm
    AS 'org.jcitus.hooks.TruncateHook.onTruncate';
-- Turns a distributed or reference table back into a plain table with all its rows.
CREATE FUNCTION pg_catalog.undistribute_table(table_name regclass, cascade_via_foreign_keys boolean DEFAULT false)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.undistributeTable';
-- Changes which colocation group a table is in, in the metadata only ('none': a group of its own).
CREATE FUNCTION pg_catalog.update_distributed_table_colocation(table_name regclass, colocate_with text)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.updateColocation';
-- Kept because Citus 13.2 keeps it; it only says so.
CREATE FUNCTION pg_catalog.upgrade_to_reference_table(table_name regclass)
    RETURNS void
    LANGUAGE pljvm STRICT
    AS 'org.jcitus.udfs.TableUdfs.upgradeToReferenceTable';
-- The size of every shard placement on the active nodes.
CREATE FUNCTION pg_catalog.citus_shard_sizes(OUT shard_id bigint, OUT size bigint)
    RETURNS SETOF record
    LANGUAGE pljvm
    AS 'org.jcitus.udfs.TableUdfs.shardSizes';
-- Every shard placement, with its table, name, node and size.
CREATE VIEW citus.citus_shards AS
SELECT p.logicalrelid AS table_name,
       s.shardid,
       pg_catalog.shard_name(p.logicalrelid, s.shardid) AS shard_name,
       CASE p.partmethod WHEN 'h' THEN 'distributed' WHEN 'n' THEN 'reference' ELSE 'local' END AS citus_table_type,
       p.colocationid AS colocation_id,
       n.nodename,
       n.nodeport,
       z.size AS shard_size
  FROM pg_catalog.pg_dist_shard s
  JOIN pg_catalog.pg_dist_partition p USING (logicalrelid)
  JOIN pg_catalog.pg_dist_placement pl USING (shardid)
  JOIN pg_catalog.pg_dist_node n ON n.groupid = pl.groupid AND n.noderole = 'primary'
  LEFT JOIN pg_catalog.citus_shard_sizes() z ON z.shard_id = s.shardid
       AND z.size IS NOT NULL
 ORDER BY p.logicalrelid::text, s.shardid, n.nodeport;
ALTER VIEW citus.citus_shards SET SCHEMA pg_catalog;
GRANT SELECT ON pg_catalog.citus_shards TO public;
-- Every Citus table: its type, distribution column, colocation, size (of one copy, for a
-- reference table), shard count, owner.
CREATE VIEW citus.citus_tables AS
SELECT p.logicalrelid AS table_name,
       CASE p.partmethod WHEN 'h' THEN 'distributed' WHEN 'n' THEN 'reference' ELSE 'local' END AS citus_table_type,
       coalesce((SELECT a.attname::text FROM pg_catalog.pg_attribute a
                  WHERE a.attrelid = p.logicalrelid
                    AND a.attnum = substring(p.partkey from ':varattno ([0-9]+)')::int), '<none>')
           AS distribution_column,
       p.colocationid AS colocation_id,
       pg_catalog.pg_size_pretty(coalesce((SELECT sum(z.size) FROM pg_catalog.citus_shard_sizes() z
            JOIN pg_catalog.pg_dist_shard s ON s.shardid = z.shard_id
           WHERE s.logicalrelid = p.logicalrelid), 0)::bigint
           / CASE WHEN p.partmethod = 'n' THEN greatest((SELECT count(*) FROM pg_catalog.pg_dist_placement pl
                JOIN pg_catalog.pg_dist_shard s ON s.shardid = pl.shardid
               WHERE s.logicalrelid = p.logicalrelid), 1) ELSE 1 END) AS table_size,
       (SELECT count(*) FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = p.logicalrelid) AS shard_count,
       pg_catalog.pg_get_userbyid(c.relowner) AS table_owner,
       coalesce(am.amname, 'heap') AS access_method
  FROM pg_catalog.pg_dist_partition p
  JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid
  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
 ORDER BY p.logicalrelid::text;
ALTER VIEW citus.citus_tables SET SCHEMA pg_catalog;
GRANT SELECT ON pg_catalog.citus_tables TO public;
