/*
 * ShardSizes.java — how big each shard placement is, asked of every node at once.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jcitus.commands.RunCommand;
import org.jcitus.commands.RunCommand.Outcome;
import org.jcitus.commands.RunCommand.Task;
import org.jcitus.connection.NodeAddress;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.metadata.NodeCatalog;

/**
 * The rows of citus_shard_sizes(): each node reports pg_total_relation_size of the shards it
 * holds, in one query per node. A node that cannot answer reports nothing (its shards show
 * no size) rather than failing the views built on this.
 */
public final class ShardSizes {
    private ShardSizes() {
    }

    public static List<Object[]> all() throws SQLException {
        Map<Integer, List<Object[]>> byGroup = new HashMap<>();
        for (Object[] r : LocalSql.rows("SELECT p.groupid, s.shardid,"
                + " format('%I.%I', n.nspname, c.relname || '_' || s.shardid)"
                + " FROM pg_catalog.pg_dist_shard s JOIN pg_catalog.pg_dist_placement p USING (shardid)"
                + " JOIN pg_catalog.pg_class c ON c.oid = s.logicalrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace ORDER BY s.shardid")) {
            byGroup.computeIfAbsent(((Number) r[0]).intValue(), g -> new ArrayList<>()).add(r);
        }
        List<Task> tasks = new ArrayList<>();
        for (Map.Entry<Integer, List<Object[]>> e : byGroup.entrySet()) {
            WorkerNode node = NodeCatalog.primaryOfGroup(e.getKey());
            if (node == null || !node.isActive()) {
                continue;
            }
            StringBuilder values = new StringBuilder();
            for (Object[] r : e.getValue()) {
                values.append(values.length() == 0 ? "" : ", ").append("(").append(r[1]).append(", ")
                        .append(LocalSql.value("SELECT quote_literal(?::text)", r[2])).append(")");
            }
            tasks.add(new Task(node.address(), null, "SELECT coalesce(string_agg(id || ' '"
                    + " || coalesce(pg_catalog.pg_total_relation_size(to_regclass(name)), 0), ','), '')"
                    + " FROM (VALUES " + values + ") AS s(id, name)"));
        }
        List<Object[]> rows = new ArrayList<>();
        for (Outcome o : RunCommand.run(tasks, true)) {
            if (!o.success() || o.result().isEmpty()) {
                continue;
            }
            for (String pair : o.result().split(",")) {
                String[] parts = pair.split(" ");
                rows.add(new Object[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
            }
        }
        return rows;
    }
}
