/*
 * ShardData.java — moves a table's rows into its shards when it is distributed.
 */
package org.jcitus.tables;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.ParallelCommands.Command;
import org.jcitus.metadata.LocalSql;
import org.jcitus.pljvm.SqlError;

/**
 * Reads the local rows in batches (a keyset walk over ctid, so that no batch holds more
 * than BATCH rows in memory), routes each to its shard by the hash PostgreSQL computes,
 * and sends each batch to all nodes at once over the transaction's connections. A row
 * travels as its record text and is read back by the shard's own row type, so every
 * column type survives the trip exactly.
 */
final class ShardData {
    private static final int BATCH = 20000;

    private ShardData() {
    }

    /** Where the rows of one shard go: its name on each node that holds it. */
    record Target(long shardId, String shardName, List<NodeAddress> nodes) {
    }

    /**
     * Copies the rows; shardIndexSql computes a row's index in the targets from the
     * table's columns (null for a single-shard table). Returns the number of rows.
     */
    static long copy(long relationId, String qualifiedTable, String shardIndexSql, String distributionColumn,
                     List<Target> targets) throws SQLException {
        String index = shardIndexSql == null ? "0" : shardIndexSql;
        String after = "(0,0)";
        long copied = 0;
        while (true) {
            List<Object[]> rows = LocalSql.rows("SELECT t.ctid::text AS position, " + index + ", t::text"
                    + (distributionColumn == null ? ", false" : ", t." + distributionColumn + " IS NULL")
                    + " FROM " + qualifiedTable + " t WHERE t.ctid > ?::tid ORDER BY t.ctid LIMIT " + BATCH, after);
            if (rows.isEmpty()) {
                return copied;
            }
            Map<Integer, List<String>> byShard = new HashMap<>();
            for (Object[] r : rows) {
                if ((Boolean) r[3]) {
                    throw new SqlError("23502", "cannot distribute a table with NULL in the distribution column")
                            .withDetail("A row of " + qualifiedTable + " has no value in column "
                                    + distributionColumn + ".");
                }
                byShard.computeIfAbsent(((Number) r[1]).intValue(), k -> new ArrayList<>()).add((String) r[2]);
            }
            List<Command> commands = new ArrayList<>();
            for (Map.Entry<Integer, List<String>> e : byShard.entrySet()) {
                Target target = targets.get(e.getKey());
                String[] records = e.getValue().toArray(new String[0]);
                for (NodeAddress node : target.nodes()) {
                    Connection c = NodeConnections.forTransaction(node);
                    commands.add(new Command(node, c, "INSERT INTO " + target.shardName()
                            + " SELECT (r::" + target.shardName() + ").* FROM unnest(?::text[]) r", (Object) records));
                }
            }
            ParallelCommands.run(commands);
            copied += rows.size();
            after = (String) rows.get(rows.size() - 1)[0];
        }
    }
}
