/*
 * InsertPlan.java — INSERT .. VALUES into a distributed table: the rows split by shard, one statement per shard.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jcitus.executor.Task;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.SqlError;

/**
 * Each VALUES row goes to the shard of its distribution column value; the rows of one
 * shard form one INSERT, with the statement's ON CONFLICT and RETURNING clauses. The
 * shards' statements run on their nodes in parallel.
 */
final class InsertPlan extends ShapePlan {
    private final QueryTemplate prefix;
    private final List<QueryTemplate> rows = new ArrayList<>();
    private final QueryTemplate suffix;
    /** the text has no "?" of its own that the driver would take for a parameter */
    private final boolean bindable;
    private static final List<Integer> ONLY_ROW = List.of(0);
    /** for a single-row INSERT, its texts per shard */
    private final ShardTexts textOfShard;

    InsertPlan(QueryAnalysis analysis, String[] parameterTypeNames) {
        super(analysis, parameterTypeNames);
        DeparsedQuery q = analysis.q;
        QueryAnalysis.InsertRows insert = analysis.insert;
        this.prefix = QueryTemplate.of(analysis, 0, q.start(insert.firstRow()));
        for (int[] row : insert.rows()) {
            rows.add(QueryTemplate.of(analysis, q.start(row[0]), q.end(row[1])));
        }
        this.suffix = QueryTemplate.of(analysis, q.end(insert.lastRow()), q.text.length());
        this.bindable = q.text.indexOf('?') < 0;
        this.textOfShard = rows.size() == 1
                ? new ShardTexts(analysis.references.get(analysis.target).table().shards().size()) : null;
    }

    @Override
    String kind() {
        return "Citus Router (INSERT)";
    }

    private String render(List<Integer> shardRows, Execution e) {
        StringBuilder sql = new StringBuilder(analysis.q.text.length() + 32);
        prefix.render(sql, e);
        for (int i = 0; i < shardRows.size(); i++) {
            if (i > 0) {
                sql.append(", ");
            }
            rows.get(shardRows.get(i)).render(sql, e);
        }
        suffix.render(sql, e);
        return sql.toString();
    }

    /**
     * The rows' indexes by shard index (not by ShardPlacements, which would be hashed
     * through all its fields), shards in the order their first row comes.
     */
    private Map<Integer, List<Integer>> rowsOfShard(Execution e, CitusTable table) throws SQLException {
        if (rows.size() == 1) {
            return Map.of(shardOf(e, table, 0), ONLY_ROW);
        }
        Map<Integer, List<Integer>> rowsOfShard = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int shard = shardOf(e, table, i);
            List<Integer> shardRows = rowsOfShard.get(shard);
            if (shardRows == null) {
                shardRows = new ArrayList<>();
                rowsOfShard.put(shard, shardRows);
            }
            shardRows.add(i);
        }
        return rowsOfShard;
    }

    private int shardOf(Execution e, CitusTable table, int row) throws SQLException {
        ShardPlacements shard = e.shardFor(table, analysis.insert.keys().get(row));
        if (shard == null) {
            throw new SqlError("22004", "cannot perform an INSERT with NULL in the partition column");
        }
        return shard.index();
    }

    /** The VALUES positions of a shard's rows: where RETURNING puts them on one server. */
    private static int[] positions(List<Integer> shardRows) {
        int[] positions = new int[shardRows.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = shardRows.get(i);
        }
        return positions;
    }

    @Override
    List<Task> tasks(Execution e) throws SQLException {
        nameReferenceTables(e);
        int target = analysis.target;
        CitusTable table = analysis.references.get(target).table();
        Map<Integer, List<Integer>> rowsOfShard = rowsOfShard(e, table);
        List<Task> tasks = new ArrayList<>();
        int localGroup = MetadataCache.localGroup();
        for (Map.Entry<Integer, List<Integer>> s : rowsOfShard.entrySet()) {
            ShardPlacements shard = table.shards().get(s.getKey());
            e.shards[target] = shard.qualifiedName();
            // the rows' values go as bind parameters, so that the node prepares the text once
            // (EXPLAIN, without parameter values, shows them in the text)
            boolean bind = e.hasParameterValues() && bindable && shard.nodes().get(0).groupId() != localGroup;
            e.bind(bind ? analysis.insertValues : Set.of());
            boolean keeps = bind && textOfShard != null;
            String text = keeps ? textOfShard.reuse(shard.index(), e, analysis.insertValues, prefix, rows.get(0), suffix)
                    : null;
            if (text == null) {
                text = render(s.getValue(), e);
                if (keeps) {
                    textOfShard.keep(shard.index(), e, text);
                }
            }
            List<String> bindings = e.bindings();
            int[] positions = shard.nodes().size() == 1 ? positions(s.getValue()) : null;
            for (WorkerNode node : shard.nodes()) {
                tasks.add(new Task(node, text, bindings, positions));
            }
        }
        return tasks;
    }
}
