/*
 * Task.java — one statement for one node: a query on a shard, or on a reference table's copy.
 */
package org.jcitus.executor;

import org.jcitus.metadata.WorkerNode;

/** SQL to run on a node, with shard names in place of the distributed tables' names. */
public record Task(WorkerNode node, String sql) {
}
