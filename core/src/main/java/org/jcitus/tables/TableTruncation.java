/*
 * TableTruncation.java — TRUNCATE of a Citus table truncates its shards on every node.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.ParallelCommands.Command;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.WorkerNode;

/**
 * TRUNCATE is no DDL event, so, as Citus does, every Citus table carries a statement-level
 * AFTER TRUNCATE trigger (truncate_trigger) whose function lands here. The shards are
 * truncated in the same transaction, on all their nodes at once, with CASCADE: the
 * coordinator has already required that the tables referring to this one be truncated too.
 */
public final class TableTruncation {
    /** The trigger's name on every Citus table. */
    static final String TRIGGER = "truncate_trigger";

    private TableTruncation() {
    }

    /** Adds the trigger to a table that has just become a Citus table (and is empty locally). */
    static void addTrigger(String qualifiedTable) throws SQLException {
        LocalSql.update("CREATE TRIGGER " + TRIGGER + " AFTER TRUNCATE ON " + qualifiedTable
                + " FOR EACH STATEMENT EXECUTE FUNCTION citus_internal.citus_truncate_trigger()");
    }

    static void dropTrigger(String qualifiedTable) throws SQLException {
        LocalSql.update("DROP TRIGGER IF EXISTS " + TRIGGER + " ON " + qualifiedTable);
    }

    public static void truncated(long relationId, String schema, String table) throws SQLException {
        if (TableCatalog.find(relationId) == null) {
            return;
        }
        int localGroup = NodeCatalog.localGroupId();
        List<Command> commands = new ArrayList<>();
        for (TableCatalog.Shard s : TableCatalog.shards(relationId)) {
            String shard = TableCatalog.qualifiedShardName(schema, table, s.shardId());
            for (int group : s.groups()) {
                WorkerNode node = NodeCatalog.primaryOfGroup(group);
                if (group == localGroup) {
                    LocalSql.update("TRUNCATE " + shard + " CASCADE");
                } else if (node != null && node.isActive()) {
                    NodeAddress address = node.address();
                    commands.add(new Command(address, NodeConnections.forTransaction(address), "TRUNCATE " + shard + " CASCADE"));
                }
            }
        }
        ParallelCommands.run(commands);
    }
}
