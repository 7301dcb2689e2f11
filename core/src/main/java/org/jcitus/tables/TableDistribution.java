/*
 * TableDistribution.java — create_distributed_table and create_reference_table.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.ParallelCommands.Command;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.Privileges;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.TableCatalog.DistributedTable;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.SqlError;
import org.jcitus.sharding.HashFunction;
import org.jcitus.sharding.ShardRanges;

/**
 * Turns a local table into a distributed or a reference table, in the caller's
 * transaction: metadata here, shards on the nodes (over the transaction's connection to
 * each), the rows moved into the shards, the local table emptied. Any failure, a node
 * down included, rolls all of it back on every node, and the rows stay where they were.
 */
public final class TableDistribution {
    private static final int MAX_SHARD_COUNT = 64000;

    private TableDistribution() {
    }

    /** What create_distributed_table was asked. */
    public record Request(long relationId, String column, String method, String colocateWith, Integer shardCount) {
    }

    /** create_distributed_table. */
    public static void distribute(Request r) throws SQLException {
        Privileges.ensureCoordinator();
        lockMembership();
        if (!"hash".equals(r.method())) {
            throw new SqlError("0A000", "distribution type \"" + r.method() + "\" is not supported")
                    .withHint("Use hash distribution.");
        }
        Table table = Table.lockForDistribution(r.relationId());
        Table.Column column = table.column(r.column());
        HashFunction.check(column.type());

        int shardCount = shardCount(r);
        DistributedTable colocatedWith = colocationTarget(r.colocateWith(), table);
        int colocationId;
        if (colocatedWith != null) {
            if (colocatedWith.distributionColumnType() != column.type()) {
                throw new SqlError("22023", "cannot colocate tables " + Table.name(colocatedWith.relationId())
                        + " and " + table.name())
                        .withDetail("Distribution column types don't match for "
                                + Table.name(colocatedWith.relationId()) + " and " + table.name() + ".");
            }
            int targetShards = TableCatalog.shards(colocatedWith.relationId()).size();
            if (r.shardCount() != null && r.shardCount() != targetShards) {
                throw new SqlError("22023", "cannot colocate tables " + Table.name(colocatedWith.relationId())
                        + " and " + table.name())
                        .withDetail("Shard counts don't match for " + Table.name(colocatedWith.relationId())
                                + " and " + table.name() + ".");
            }
            shardCount = targetShards;
            colocationId = colocatedWith.colocationId();
        } else {
            colocationId = TableCatalog.colocationGroup(shardCount, 1, column.type(), column.collation(),
                    "none".equals(r.colocateWith()));
        }

        distributeWithPartitions(table, column, colocationId, shardCount);
    }

    /**
     * Distributes a table and, if it is partitioned, its partitions with it (colocated), each
     * partition's shards attached to the parent's shard of the same index on its node.
     */
    private static List<ShardData.Target> distributeWithPartitions(Table table, Table.Column column,
            int colocationId, int shardCount) throws SQLException {
        table.ensureUniquenessIncludes(column);
        List<ForeignKeys.ForeignKey> foreignKeys = ForeignKeys.check(table, column.attnum(), colocationId);
        List<List<WorkerNode>> placements = placementsFor(colocationId, shardCount);
        ShardDdl.Definition definition = ShardDdl.definition(table.id());
        TableCatalog.insertTable(table.id(), TableCatalog.HASH, column.attnum(), column.type(), column.typmod(),
                column.collation(), colocationId, "s");
        long[] shardIds = TableCatalog.nextShardIds(shardCount);
        Integer[] mins = new Integer[shardCount];
        Integer[] maxs = new Integer[shardCount];
        for (int i = 0; i < shardCount; i++) {
            mins[i] = ShardRanges.minValue(i, shardCount);
            maxs[i] = ShardRanges.maxValue(i, shardCount);
        }
        TableCatalog.insertShards(table.id(), shardIds, mins, maxs);
        List<ShardData.Target> targets = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            targets.add(shardTarget(definition, shardIds[i], placements.get(i)));
        }
        recordPlacements(targets, placements);
        createShardsNow(targets, definition);
        if (table.isPartitioned()) {
            // a partitioned table holds no rows itself: its partitions bring theirs
            for (long partitionId : table.partitions()) {
                Table partition = Table.lockPartition(partitionId);
                List<ShardData.Target> partitionTargets = distributeWithPartitions(partition,
                        partition.column(column.name()), colocationId, shardCount);
                attach(targets, partitionTargets, partition.partitionBound());
            }
        } else {
            ShardData.copy(table.qualifiedName(),
                    ShardRanges.indexSql(HashFunction.sql("t." + column.quotedName()), shardCount),
                    column.quotedName(), targets);
            table.emptyLocally();
        }
        addForeignKeys(table, foreignKeys, targets);
        TableTruncation.addTrigger(table.qualifiedName());
        return targets;
    }

    /** Each partition shard becomes a partition of the parent's shard of the same index. */
    private static void attach(List<ShardData.Target> parents, List<ShardData.Target> partitions, String bound)
            throws SQLException {
        java.util.Map<NodeAddress, StringBuilder> byNode = new java.util.LinkedHashMap<>();
        for (int i = 0; i < parents.size(); i++) {
            String statement = "ALTER TABLE " + parents.get(i).shardName() + " ATTACH PARTITION "
                    + partitions.get(i).shardName() + " " + bound + ";\n";
            for (NodeAddress node : parents.get(i).nodes()) {
                byNode.computeIfAbsent(node, n -> new StringBuilder()).append(statement);
            }
        }
        runPerNode(byNode);
    }

    /** create_reference_table: one shard, a copy on every active node (the coordinator's too). */
    public static void replicate(long relationId) throws SQLException {
        Privileges.ensureCoordinator();
        lockMembership();
        Table table = Table.lockForDistribution(relationId);
        List<ForeignKeys.ForeignKey> foreignKeys = ForeignKeys.check(table, 0, -1);
        List<WorkerNode> nodes = new ArrayList<>();
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isActive() && n.isPrimary()) {
                nodes.add(n);
            }
        }
        if (nodes.stream().noneMatch(WorkerNode::isCoordinator)) {
            throw new SqlError("55000", "the coordinator is not in the metadata")
                    .withDetail("A reference table keeps a copy on every node, the coordinator included.")
                    .withHint("Add it with SELECT citus_set_coordinator_host('<host>', <port>);");
        }
        int colocationId = TableCatalog.colocationGroup(1, -1, 0, 0, false);
        TableCatalog.insertTable(table.id(), TableCatalog.NONE, 0, 0, -1, 0, colocationId, "t");
        long shardId = TableCatalog.nextShardIds(1)[0];
        TableCatalog.insertShards(table.id(), new long[] {shardId}, new Integer[1], new Integer[1]);
        List<WorkerNode> remote = new ArrayList<>();
        for (WorkerNode n : nodes) {
            if (!n.isCoordinator()) {
                remote.add(n);
            }
        }
        ShardDdl.Definition definition = ShardDdl.definition(table.id());
        recordPlacements(List.of(new ShardData.Target(shardId, null, null)), List.of(nodes));
        ShardData.Target target = shardTarget(definition, shardId, remote);
        createShardsNow(List.of(target), definition);
        ShardData.copy(table.qualifiedName(), null, null, List.of(target));
        // the coordinator's copy is the shard that keeps the local rows
        LocalSql.update(definition.createShard(shardId));
        LocalSql.update("INSERT INTO " + definition.shardName(shardId) + " SELECT * FROM ONLY " + table.qualifiedName());
        for (ForeignKeys.ForeignKey key : foreignKeys) {
            LocalSql.update(ForeignKeys.forShard(key, definition.shardName(shardId), shardId,
                    referencedShard(key, table, 0, shardId)));
        }
        addForeignKeys(table, foreignKeys, List.of(target));
        table.emptyLocally();
        TableTruncation.addTrigger(table.qualifiedName());
    }

    /**
     * Holds the cluster's membership still while shards are placed: node changes take an
     * EXCLUSIVE lock on pg_dist_node, which this ROW SHARE lock keeps waiting (and which
     * other distributions do not).
     */
    private static void lockMembership() throws SQLException {
        LocalSql.update("LOCK TABLE pg_catalog.pg_dist_node IN ROW SHARE MODE");
    }

    private static int shardCount(Request r) throws SQLException {
        int count = r.shardCount() != null ? r.shardCount() : defaultShardCount();
        if (count < 1 || count > MAX_SHARD_COUNT) {
            throw new SqlError("22023", count + " is outside the valid range for parameter \"shard_count\" (1 .. "
                    + MAX_SHARD_COUNT + ")");
        }
        return count;
    }

    private static int defaultShardCount() throws SQLException {
        String setting = (String) LocalSql.value("SELECT current_setting('citus.shard_count', true)");
        if (setting == null || setting.isEmpty()) {
            return 32;
        }
        try {
            return Integer.parseInt(setting.trim());
        } catch (NumberFormatException e) {
            throw new SqlError("22023", "invalid value for parameter \"citus.shard_count\": \"" + setting + "\"");
        }
    }

    private static DistributedTable colocationTarget(String colocateWith, Table table) throws SQLException {
        if ("default".equals(colocateWith) || "none".equals(colocateWith)) {
            return null;
        }
        long target = Table.resolve(colocateWith);
        DistributedTable distributed = TableCatalog.find(target);
        if (distributed == null || distributed.isReference()) {
            throw new SqlError("22023", "cannot colocate tables " + Table.name(target) + " and " + table.name())
                    .withDetail("relation " + Table.name(target) + " should be a hash distributed table.");
        }
        return distributed;
    }

    /**
     * The nodes of each shard: those of the group's existing shards, or round robin over
     * the active primaries that should have shards, in (name, port) order as Citus sorts them.
     */
    private static List<List<WorkerNode>> placementsFor(int colocationId, int shardCount) throws SQLException {
        List<List<WorkerNode>> placements = new ArrayList<>();
        long member = TableCatalog.memberOfColocationGroup(colocationId);
        if (member != 0) {
            for (TableCatalog.Shard s : TableCatalog.shards(member)) {
                List<WorkerNode> nodes = new ArrayList<>();
                for (int group : s.groups()) {
                    nodes.add(NodeCatalog.primaryOfGroup(group));
                }
                placements.add(nodes);
            }
            return placements;
        }
        List<WorkerNode> candidates = new ArrayList<>();
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isActive() && n.isPrimary() && n.shouldHaveShards()) {
                candidates.add(n);
            }
        }
        if (candidates.isEmpty()) {
            throw new SqlError("55000", "couldn't find any worker nodes")
                    .withHint("Add more worker nodes.");
        }
        candidates.sort(Comparator.comparing(WorkerNode::nodeName).thenComparingInt(WorkerNode::nodePort));
        for (int i = 0; i < shardCount; i++) {
            placements.add(List.of(candidates.get(i % candidates.size())));
        }
        return placements;
    }

    /**
     * Each shard's copies of the table's foreign keys, added once the rows are in (so that
     * they are checked on the shards, as the local table checked them): one round trip per
     * node, all nodes at once.
     */
    private static void addForeignKeys(Table table, List<ForeignKeys.ForeignKey> keys, List<ShardData.Target> targets)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        java.util.Map<NodeAddress, StringBuilder> byNode = new java.util.LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            ShardData.Target t = targets.get(i);
            for (ForeignKeys.ForeignKey key : keys) {
                String statement = ForeignKeys.forShard(key, t.shardName(), t.shardId(),
                        referencedShard(key, table, i, t.shardId())) + ";\n";
                for (NodeAddress node : t.nodes()) {
                    byNode.computeIfAbsent(node, n -> new StringBuilder()).append(statement);
                }
            }
        }
        runPerNode(byNode);
    }

    /** The shard a shard's key refers to: itself, the reference table's one shard, or the colocated shard i. */
    private static String referencedShard(ForeignKeys.ForeignKey key, Table table, int index, long shardId)
            throws SQLException {
        if (key.referenced() == table.id()) {
            return TableCatalog.qualifiedShardName(table.id(), shardId);
        }
        List<TableCatalog.Shard> shards = TableCatalog.shards(key.referenced());
        return TableCatalog.qualifiedShardName(key.referenced(), shards.get(shards.size() == 1 ? 0 : index).shardId());
    }

    private static void runPerNode(java.util.Map<NodeAddress, StringBuilder> byNode) throws SQLException {
        List<Command> commands = new ArrayList<>();
        for (java.util.Map.Entry<NodeAddress, StringBuilder> e : byNode.entrySet()) {
            commands.add(new Command(e.getKey(), NodeConnections.forTransaction(e.getKey()), e.getValue().toString()));
        }
        ParallelCommands.run(commands);
    }

    /** Placements of shard i on the nodes of placements(i). */
    private static void recordPlacements(List<ShardData.Target> shards, List<List<WorkerNode>> placements)
            throws SQLException {
        List<Long> shardIds = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            for (WorkerNode n : placements.get(i)) {
                shardIds.add(shards.get(i).shardId());
                groups.add(n.groupId());
            }
        }
        TableCatalog.insertPlacements(shardIds.toArray(new Long[0]), groups.toArray(new Integer[0]));
    }

    private static ShardData.Target shardTarget(ShardDdl.Definition definition, long shardId, List<WorkerNode> nodes) {
        List<NodeAddress> addresses = new ArrayList<>();
        for (WorkerNode n : nodes) {
            addresses.add(n.address());
        }
        return new ShardData.Target(shardId, definition.shardName(shardId), addresses);
    }

    /** The shards' tables, created on their nodes: one round trip per node, all nodes at once. */
    private static void createShardsNow(List<ShardData.Target> targets, ShardDdl.Definition definition)
            throws SQLException {
        java.util.Map<NodeAddress, StringBuilder> byNode = new java.util.LinkedHashMap<>();
        for (ShardData.Target t : targets) {
            String ddl = definition.createShard(t.shardId());
            for (NodeAddress node : t.nodes()) {
                byNode.computeIfAbsent(node, n -> new StringBuilder()).append(ddl);
            }
        }
        runPerNode(byNode);
    }
}
