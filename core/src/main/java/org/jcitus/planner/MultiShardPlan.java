/*
 * MultiShardPlan.java — a query on every shard of one distributed table: a scan whose rows simply add up, or an UPDATE or DELETE.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.executor.Task;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.metadata.WorkerNode;

/**
 * The query runs once per shard of its one distributed table, with reference tables
 * named by their shards (every node has them); the nodes work in parallel. A SELECT reads
 * from one placement per shard; a write goes to every placement.
 */
final class MultiShardPlan extends ShapePlan {
    private final QueryTemplate template;
    private final int distributed;
    private final boolean writes;

    MultiShardPlan(QueryAnalysis analysis, String[] parameterTypeNames, int distributed, boolean writes) {
        super(analysis, parameterTypeNames);
        this.template = QueryTemplate.of(analysis, 0, analysis.q.text.length());
        this.distributed = distributed;
        this.writes = writes;
    }

    @Override
    String kind() {
        return "Citus Multi-Shard";
    }

    @Override
    List<Task> tasks(Execution e) throws SQLException {
        nameReferenceTables(e);
        List<Task> tasks = new ArrayList<>();
        for (ShardPlacements shard : analysis.references.get(distributed).table().shards()) {
            e.shards[distributed] = shard.qualifiedName();
            StringBuilder sql = new StringBuilder(analysis.q.text.length() + 32);
            template.render(sql, e);
            for (WorkerNode node : writes ? shard.nodes() : shard.nodes().subList(0, 1)) {
                tasks.add(new Task(node, sql.toString()));
            }
        }
        return tasks;
    }
}
