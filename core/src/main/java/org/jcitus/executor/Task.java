/*
 * Task.java — one statement for one node: a query on a shard, or on a reference table's copy.
 */
package org.jcitus.executor;

import java.util.List;

import org.jcitus.metadata.WorkerNode;

/**
 * SQL to run on a node, with shard names in place of the distributed tables' names, and
 * the values of its "?" bind parameters (text, typed by the node from their context).
 * rowPositions, when set: where each row the task returns stands among the statement's
 * rows on one server (an INSERT's rows split by shard return in VALUES order there).
 */
public record Task(WorkerNode node, String sql, List<String> bindings, int[] rowPositions) {
    /** A task whose values are all in its text. */
    public Task(WorkerNode node, String sql) {
        this(node, sql, List.of(), null);
    }

    /** A task whose rows come in no order of the statement's. */
    public Task(WorkerNode node, String sql, List<String> bindings) {
        this(node, sql, bindings, null);
    }
}
