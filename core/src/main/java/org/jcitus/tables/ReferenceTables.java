/*
 * ReferenceTables.java — gives a node its copies of the reference tables when it is activated.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.List;

import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.ParallelCommands.Command;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.WorkerNode;

/**
 * A reference table has a copy on every active node (seed: master_activate_node
 * "replicates all reference tables to that node"). The copy is made from the
 * coordinator's own placement, in the activating transaction.
 */
public final class ReferenceTables {
    private ReferenceTables() {
    }

    /** Copies every reference table the node has no placement of yet. */
    public static void replicateTo(WorkerNode node) throws SQLException {
        int localGroup = NodeCatalog.localGroupId();
        for (Object[] r : LocalSql.rows("SELECT p.logicalrelid::oid::bigint, s.shardid"
                + " FROM pg_catalog.pg_dist_partition p JOIN pg_catalog.pg_dist_shard s USING (logicalrelid)"
                + " WHERE p.partmethod = 'n' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_placement x"
                + "   WHERE x.shardid = s.shardid AND x.groupid = ?)"
                + " AND EXISTS (SELECT 1 FROM pg_catalog.pg_dist_placement l"
                + "   WHERE l.shardid = s.shardid AND l.groupid = ?)"
                + " ORDER BY s.shardid", node.groupId(), localGroup)) {
            long relationId = ((Number) r[0]).longValue();
            long shardId = ((Number) r[1]).longValue();
            ShardDdl.Definition definition = ShardDdl.definition(relationId);
            String shard = definition.shardName(shardId);
            // a table of that name left from an earlier membership is stale: the metadata says so
            ParallelCommands.run(List.of(new Command(node.address(), NodeConnections.forTransaction(node.address()),
                    "DROP TABLE IF EXISTS " + shard + " CASCADE;\n" + definition.createShard(shardId))));
            ShardData.copy(shard, null, null, List.of(new ShardData.Target(shardId, shard, List.of(node.address()))));
            TableCatalog.insertPlacements(new Long[] {shardId}, new Integer[] {node.groupId()});
        }
    }
}
