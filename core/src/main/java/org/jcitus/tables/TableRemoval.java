/*
 * TableRemoval.java — what happens to a Citus table's shards and metadata when the table is dropped.
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
 * Drops the shards of dropped Citus tables on every node that holds them, in the dropping
 * transaction, and forgets their metadata. Called from the sql_drop event trigger, when
 * the table itself is already gone but its metadata rows are still there.
 */
public final class TableRemoval {
    private TableRemoval() {
    }

    /** One dropped table: its OID, and its schema and name as they were. */
    public record DroppedTable(long relationId, String schema, String name) {
    }

    public static void dropped(List<DroppedTable> tables) throws SQLException {
        for (DroppedTable t : tables) {
            if (TableCatalog.find(t.relationId()) != null) {
                dropShards(t);
                TableCatalog.deleteTable(t.relationId());
            }
        }
    }

    /** Drops every placement of the table's shards: on this node directly, elsewhere all nodes at once. */
    static void dropShards(DroppedTable t) throws SQLException {
        List<Command> commands = new ArrayList<>();
        int localGroup = NodeCatalog.localGroupId();
        for (TableCatalog.Shard s : TableCatalog.shards(t.relationId())) {
            String shard = TableCatalog.qualifiedShardName(t.schema(), t.name(), s.shardId());
            for (int group : s.groups()) {
                WorkerNode node = NodeCatalog.primaryOfGroup(group);
                if (group == localGroup) {
                    LocalSql.update("DROP TABLE IF EXISTS " + shard + " CASCADE");
                } else if (node != null) {
                    NodeAddress address = node.address();
                    commands.add(new Command(address, NodeConnections.forTransaction(address),
                            "DROP TABLE IF EXISTS " + shard + " CASCADE"));
                }
            }
        }
        ParallelCommands.run(commands);
    }
}
