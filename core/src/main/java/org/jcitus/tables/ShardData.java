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
 * Reads the local rows in batches of heap blocks (a TID range scan each, so that no batch
 * holds much more than BATCH rows in memory and none scans the table again), routes each
 * to its shard by the hash PostgreSQL computes,
 * and sends each batch to all nodes at once over the transaction's connections. A row
 * travels as its record text and is read back by the shard's own row type, so every
 * column type survives the trip exactly.
 */
final class ShardData {
    private static final int BATCH = 20000;
    private static final long DENSE_ROWS_PER_BLOCK = 200;

    private ShardData() {
    }

    /** Where the rows of one shard go: its name on each node that holds it. */
    record Target(long shardId, String shardName, List<NodeAddress> nodes) {
    }

    /**
     * Copies the rows; shardIndexSql computes a row's index in the targets from the
     * table's columns (null for a single-shard table). Returns the number of rows.
     */
    static long copy(String qualifiedTable, String shardIndexSql, String distributionColumn,
                     List<Target> targets) throws SQLException {
        if (distributionColumn != null && LocalSql.value("SELECT 1 FROM " + qualifiedTable + " t WHERE t."
                + distributionColumn + " IS NULL LIMIT 1") != null) {
            throw new SqlError("23502", "cannot distribute a table with NULL in the distribution column")
                    .withDetail("A row of " + qualifiedTable + " has no value in column " + distributionColumn + ".");
        }
        long blocks = ((Number) LocalSql.value("SELECT pg_catalog.pg_relation_size(?::regclass)"
                + " / current_setting('block_size')::bigint", qualifiedTable)).longValue();
        long tuples = ((Number) LocalSql.value("SELECT reltuples::bigint FROM pg_catalog.pg_class"
                + " WHERE oid = ?::regclass", qualifiedTable)).longValue();
        // blocks per batch for about BATCH rows: by the statistics, or, without them, as if
        // rows were small (DENSE_ROWS_PER_BLOCK), so that a batch never grows much past BATCH
        long rowsPerBlock = tuples > 0 && blocks > 0 ? Math.max(1, tuples / blocks) : DENSE_ROWS_PER_BLOCK;
        long step = Math.max(1, BATCH / rowsPerBlock);
        String index = shardIndexSql == null ? "0" : shardIndexSql;
        long copied = 0;
        for (long from = 0; from < Math.max(blocks, 1); from += step) {
            List<Object[]> rows = LocalSql.rows("SELECT " + index + ", t::text FROM " + qualifiedTable + " t"
                    + " WHERE t.ctid >= format('(%s,0)', ?::bigint)::tid AND t.ctid < format('(%s,0)', ?::bigint)::tid",
                    from, from + step);
            copied += send(rows, targets);
        }
        return copied;
    }

    /** One batch, to all its nodes at once. */
    private static int send(List<Object[]> rows, List<Target> targets) throws SQLException {
        Map<Integer, List<String>> byShard = new HashMap<>();
        for (Object[] r : rows) {
            byShard.computeIfAbsent(((Number) r[0]).intValue(), k -> new ArrayList<>()).add((String) r[1]);
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
        return rows.size();
    }
}
