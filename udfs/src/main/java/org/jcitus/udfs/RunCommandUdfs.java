/*
 * RunCommandUdfs.java — the run_command_on_* functions: a command on every worker, shard or placement.
 */
package org.jcitus.udfs;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.commands.RunCommand;
import org.jcitus.commands.RunCommand.Outcome;
import org.jcitus.commands.RunCommand.Task;
import org.jcitus.connection.NodeAddress;
import org.jcitus.metadata.ExtensionVersion;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.TableCatalog.Shard;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.nodes.NodeManagement;

/**
 * Citus's signatures and result columns. In a command, %s (or %I, %L) stands for the
 * shard's name, filled in by PostgreSQL's format().
 */
public final class RunCommandUdfs {
    private RunCommandUdfs() {
    }

    /** (nodename, nodeport, success, result) for each active worker. */
    public static List<Object[]> onWorkers(String command, boolean parallel) throws SQLException {
        ExtensionVersion.check();
        List<Task> tasks = new ArrayList<>();
        for (NodeAddress node : NodeManagement.activeWorkers()) {
            tasks.add(new Task(node, null, command));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Outcome o : RunCommand.run(tasks, parallel)) {
            rows.add(new Object[] {o.task().node().host(), o.task().node().port(), o.success(), o.result()});
        }
        return rows;
    }

    /** (nodeid, success, result) for every active primary, the coordinator included. */
    public static List<Object[]> onAllNodes(String command, boolean parallel, boolean warnOnConnectionErrors)
            throws SQLException {
        ExtensionVersion.check();
        List<Task> tasks = new ArrayList<>();
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isActive() && n.isPrimary()) {
                tasks.add(new Task(n.address(), n.nodeId(), command));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Outcome o : RunCommand.run(tasks, parallel)) {
            rows.add(new Object[] {o.task().key(), o.success(), o.result()});
        }
        return rows;
    }

    /** (nodename, nodeport, shardid, success, result) for every placement of the table. */
    public static List<Object[]> onPlacements(long relationId, String command, boolean parallel)
            throws SQLException {
        ExtensionVersion.check();
        TableUdfs.distributed(relationId);
        List<Task> tasks = new ArrayList<>();
        for (Shard s : TableCatalog.shards(relationId)) {
            String sql = filled(command, ShardNames.of(relationId, s.shardId()));
            for (int group : s.groups()) {
                tasks.add(new Task(NodeCatalog.primaryOfGroup(group).address(), s.shardId(), sql));
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Outcome o : RunCommand.run(tasks, parallel)) {
            NodeAddress node = o.task().node();
            rows.add(new Object[] {node.host(), node.port(), o.task().key(), o.success(), o.result()});
        }
        return rows;
    }

    /** (shardid, success, result) for every shard of the table, run on one placement of each. */
    public static List<Object[]> onShards(long relationId, String command, boolean parallel) throws SQLException {
        ExtensionVersion.check();
        TableUdfs.distributed(relationId);
        List<Task> tasks = new ArrayList<>();
        for (Shard s : TableCatalog.shards(relationId)) {
            tasks.add(new Task(NodeCatalog.primaryOfGroup(s.groups().get(0)).address(), s.shardId(),
                    filled(command, ShardNames.of(relationId, s.shardId()))));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Outcome o : RunCommand.run(tasks, parallel)) {
            rows.add(new Object[] {o.task().key(), o.success(), o.result()});
        }
        return rows;
    }

    /**
     * (nodename, nodeport, shardid1, shardid2, success, result) for each pair of colocated
     * placements on the same node; the command gets both shard names.
     */
    public static List<Object[]> onColocatedPlacements(long relation1, long relation2, String command,
                                                       boolean parallel) throws SQLException {
        ExtensionVersion.check();
        int colocation1 = TableUdfs.distributed(relation1).colocationId();
        if (colocation1 != TableUdfs.distributed(relation2).colocationId()) {
            throw new org.jcitus.pljvm.SqlError("22023", "tables " + LocalSql.value("SELECT ?::oid::regclass::text",
                    relation1) + " and " + LocalSql.value("SELECT ?::oid::regclass::text", relation2)
                    + " are not co-located");
        }
        List<Shard> shards1 = TableCatalog.shards(relation1);
        List<Shard> shards2 = TableCatalog.shards(relation2);
        List<Task> tasks = new ArrayList<>();
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < shards1.size(); i++) {
            String sql = (String) LocalSql.value("SELECT format(?, ?, ?)", command,
                    ShardNames.of(relation1, shards1.get(i).shardId()), ShardNames.of(relation2, shards2.get(i).shardId()));
            for (int group : shards1.get(i).groups()) {
                tasks.add(new Task(NodeCatalog.primaryOfGroup(group).address(), pairs.size(), sql));
                pairs.add(new long[] {shards1.get(i).shardId(), shards2.get(i).shardId()});
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Outcome o : RunCommand.run(tasks, parallel)) {
            long[] pair = pairs.get((Integer) o.task().key());
            NodeAddress node = o.task().node();
            rows.add(new Object[] {node.host(), node.port(), pair[0], pair[1], o.success(), o.result()});
        }
        return rows;
    }

    private static String filled(String command, String shardName) throws SQLException {
        return (String) LocalSql.value("SELECT format(?, ?)", command, shardName);
    }
}
