/*
 * MetadataSync.java — gives metadata workers their copy of the catalogs, to all of them at once.
 */
package org.jcitus.nodes;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.ParallelCommands.Command;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.WorkerNode;

/**
 * Copies catalogs to metadata workers, in the current transaction and in parallel across
 * nodes (seed: metadata sync across nodes in parallel). A catalog travels whole as one
 * JSON document and replaces the node's copy in one statement, so a sync is one round
 * trip per catalog, whatever its size.
 *
 * <p>Which catalogs travel is the list {@link #SYNCED_CATALOGS}; later issues add the
 * table metadata there.
 */
final class MetadataSync {
    /** The catalogs a metadata worker keeps a copy of, in the order they are replaced. */
    static final List<String> SYNCED_CATALOGS = List.of("pg_dist_node");

    private MetadataSync() {
    }

    /**
     * Replaces the synced catalogs on each target with this node's, and records them as
     * up to date. Targets that are down fail the whole operation, naming the node.
     */
    static void syncTo(List<WorkerNode> targets) throws SQLException {
        if (targets.isEmpty()) {
            return;
        }
        for (WorkerNode target : targets) {
            NodeCatalog.setMetadataSynced(target.nodeId());
        }
        List<String[]> documents = new ArrayList<>();
        for (String catalog : SYNCED_CATALOGS) {
            documents.add(new String[] {catalog, (String) LocalSql.value(
                    "SELECT coalesce(json_agg(c), '[]')::text FROM pg_catalog." + catalog + " c")});
        }
        List<Command> commands = new ArrayList<>();
        for (WorkerNode target : targets) {
            for (String[] d : documents) {
                commands.addAll(replaceCatalog(target, d[0], d[1]));
            }
        }
        ParallelCommands.run(commands);
    }

    /** The metadata workers (active ones, unless they are the given exception). */
    static List<WorkerNode> metadataWorkers(int exceptNodeId) throws SQLException {
        List<WorkerNode> workers = new ArrayList<>();
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isMetadataWorker() && n.isActive() && n.nodeId() != exceptNodeId) {
                workers.add(n);
            }
        }
        return workers;
    }

    /** Statements that make a node's group the given one (activation's first step). */
    static Command setLocalGroup(WorkerNode target) throws SQLException {
        return new Command(target.address(), NodeConnections.forTransaction(target.address()),
                "UPDATE pg_catalog.pg_dist_local_group SET groupid = ?", target.groupId());
    }

    private static List<Command> replaceCatalog(WorkerNode target, String catalog, String json)
            throws SQLException {
        var c = NodeConnections.forTransaction(target.address());
        String table = "pg_catalog." + catalog;
        return List.of(
                new Command(target.address(), c, "LOCK TABLE " + table + " IN EXCLUSIVE MODE"),
                new Command(target.address(), c, "DELETE FROM " + table),
                new Command(target.address(), c, "INSERT INTO " + table + " SELECT * FROM"
                        + " json_populate_recordset(NULL::" + table + ", ?::json)", json));
    }
}
