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
 * from one placement per shard; a write goes to every placement. (A statement naming
 * colocated tables runs once per shard group: each is named by its shard of the group.)
 */
class MultiShardPlan extends ShapePlan {
    private final QueryTemplate template;
    /** the references named by their shard of the group, the first's placements running it */
    private final int[] distributed;
    private final boolean writes;

    MultiShardPlan(QueryAnalysis analysis, String[] parameterTypeNames, int distributed, boolean writes) {
        this(analysis, parameterTypeNames, new int[] {distributed}, writes);
    }

    MultiShardPlan(QueryAnalysis analysis, String[] parameterTypeNames, int[] distributed, boolean writes) {
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
    boolean streamsRows() {
        return !writes;
    }

    @Override
    final List<Task> tasks(Execution e) throws SQLException {
        nameReferenceTables(e);
        List<Task> tasks = new ArrayList<>();
        List<ShardPlacements> shards = analysis.references.get(distributed[0]).table().shards();
        for (int i = 0; i < shards.size(); i++) {
            for (int r : distributed) {
                e.shards[r] = analysis.references.get(r).table().shards().get(i).qualifiedName();
            }
            StringBuilder sql = new StringBuilder(analysis.q.text.length() + 32);
            template.render(sql, e);
            for (WorkerNode node : writes ? shards.get(i).nodes() : shards.get(i).nodes().subList(0, 1)) {
                tasks.add(new Task(node, sql.toString()));
            }
        }
        return tasks;
    }
}
