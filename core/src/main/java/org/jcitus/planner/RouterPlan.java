/*
 * RouterPlan.java — a query whose Citus tables are each pinned to one shard (or are reference tables): the whole query runs on one node.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jcitus.executor.Task;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.SqlError;

/**
 * Each distributed table's shard follows from the value its distribution column is pinned
 * to; the query goes to a node that holds all of them (and, as every node does, the
 * reference tables). A query on reference tables alone reads this node's copy; one that
 * writes a reference table writes every copy.
 */
final class RouterPlan extends ShapePlan {
    private final QueryTemplate template;
    private final QueryAnalysis.Value[] pins;
    private final boolean writesReferenceTable;
    /** the distribution column values, sent to the node as bind parameters */
    private final Set<QueryAnalysis.Value> pinValues = new HashSet<>();
    /** the text has no "?" of its own that the driver would take for a parameter */
    private final boolean bindable;
    /** when the query pins one distributed table, its texts per shard of that table */
    private final ShardTexts textOfShard;
    private final int distributedReference;
    private final boolean readsOnly;
    /** a read that calls no volatile function: running it twice reads the same as once */
    private final boolean repeatable;

    RouterPlan(QueryAnalysis analysis, String[] parameterTypeNames, QueryAnalysis.Value[] pins, boolean readsOnly,
               boolean repeatable) {
        super(analysis, parameterTypeNames);
        this.readsOnly = readsOnly;
        this.repeatable = readsOnly && repeatable;
        this.template = QueryTemplate.of(analysis, 0, analysis.q.text.length());
        this.pins = pins;
        this.writesReferenceTable = analysis.writesReferenceTable();
        for (QueryAnalysis.Value v : pins) {
            if (v != null && v != QueryAnalysis.Value.NULL) {
                pinValues.add(v);
            }
        }
        this.bindable = analysis.q.text.indexOf('?') < 0 && !pinValues.isEmpty();
        int distributed = -1;
        int count = 0;
        for (int i = 0; i < analysis.references.size(); i++) {
            if (!analysis.references.get(i).table().reference()) {
                distributed = i;
                count++;
            }
        }
        this.distributedReference = count == 1 ? distributed : -1;
        this.textOfShard = count == 1 ? new ShardTexts(analysis.references.get(distributed).table().shards().size())
                : null;
    }

    @Override
    String kind() {
        return writesReferenceTable ? "Citus Router (reference table copies)" : "Citus Router";
    }

    @Override
    boolean writesCopies() {
        return writesReferenceTable;
    }

    @Override
    boolean readsOnly() {
        return readsOnly;
    }

    /** A read's rows are handed over as they are read: a tenant's rows may be many. */
    @Override
    boolean streamsRows() {
        return readsOnly;
    }

    @Override
    boolean repeatable() {
        return repeatable;
    }

    @Override
    List<Task> tasks(Execution e) throws SQLException {
        List<WorkerNode> candidates = null;
        int shardIndex = -1;
        for (int i = 0; i < pins.length; i++) {
            CitusTable table = analysis.references.get(i).table();
            ShardPlacements shard = table.reference() ? table.shards().get(0) : e.shardFor(table, pins[i]);
            if (shard == null) {
                // a NULL distribution column value matches no row: any shard answers that
                shard = table.shards().get(0);
            }
            if (i == distributedReference) {
                shardIndex = shard.index();
            }
            e.shards[i] = shard.qualifiedName();
            candidates = candidates == null ? new ArrayList<>(shard.nodes()) : candidates;
            candidates.retainAll(shard.nodes());
        }
        if (candidates == null || candidates.isEmpty()) {
            throw new SqlError("0A000", "cannot run a query on shards that are on different nodes")
                    .withDetail("The query's distributed tables are pinned to shards no single node holds.")
                    .withHint("Join distributed tables on their distribution columns, or use colocated tables.");
        }
        StringBuilder sql = new StringBuilder(analysis.q.text.length() + 32);
        WorkerNode node = preferLocal(candidates);
        // (EXPLAIN, which has no parameter values, shows the values in the text)
        boolean bind = e.hasParameterValues() && !writesReferenceTable && bindable
                && node.groupId() != MetadataCache.localGroup();
        if (bind) {
            e.bind(pinValues);
            String kept = textOfShard == null ? null : textOfShard.reuse(shardIndex, e, pinValues, template);
            if (kept != null) {
                return List.of(new Task(node, kept, e.bindings()));
            }
        }
        template.render(sql, e);
        if (bind) {
            String text = sql.toString();
            if (textOfShard != null) {
                textOfShard.keep(shardIndex, e, text);
            }
            return List.of(new Task(node, text, e.bindings()));
        }
        if (writesReferenceTable) {
            List<Task> tasks = new ArrayList<>();
            for (WorkerNode copy : candidates) {
                tasks.add(new Task(copy, sql.toString()));
            }
            return tasks;
        }
        return List.of(new Task(node, sql.toString()));
    }

    /** This node if it is a candidate (a reference table's copy here needs no round trip). */
    private static WorkerNode preferLocal(List<WorkerNode> candidates) throws SQLException {
        WorkerNode here = thisNodeAmong(candidates);
        return here != null ? here : candidates.get(0);
    }
}
