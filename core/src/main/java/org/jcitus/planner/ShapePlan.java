/*
 * ShapePlan.java — the plan of one query shape: how an execution's tasks are made from its constants and parameters.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.jcitus.executor.Task;
import org.jcitus.executor.TaskExecutor;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.QueryPlanning;

/**
 * A shape is analysed once; each query of the shape (each execution of a prepared
 * statement) binds its constants to the shape's plan, and at execution its parameter
 * values: only then are shards chosen, so that a generic plan routes every execution by
 * its own values.
 */
abstract class ShapePlan {
    /**
     * Whether EXPLAIN shows a task's plan on its node, and every task's (Citus's settings, on
     * and off unless set); the database.
     */
    private static final String EXPLAIN_SETTINGS_SQL = "SELECT coalesce(nullif(current_setting("
            + "'citus.explain_distributed_queries', true), ''), 'on')::bool, coalesce(nullif(current_setting("
            + "'citus.explain_all_tasks', true), ''), 'off')::bool, current_database()::text";

    final QueryAnalysis analysis;
    private final String[] parameterTypeNames;

    ShapePlan(QueryAnalysis analysis, String[] parameterTypeNames) {
        this.analysis = analysis;
        this.parameterTypeNames = parameterTypeNames;
    }

    /** The tasks of one execution. */
    abstract List<Task> tasks(Execution e) throws SQLException;

    /** What EXPLAIN says before the tasks: the kind of plan. */
    abstract String kind();

    /** Names each reference table of the query by its one shard (every node has a copy). */
    final void nameReferenceTables(Execution e) {
        for (int i = 0; i < analysis.references.size(); i++) {
            if (analysis.references.get(i).table().reference()) {
                e.shards[i] = analysis.references.get(i).table().shards().get(0).qualifiedName();
            }
        }
    }

    /** What EXPLAIN says of a plan whose tasks come only at execution. */
    String atExecution() {
        return ", shards chosen at execution by the parameter values";
    }

    /** This node among the nodes (a shard's placements), or null. */
    static WorkerNode thisNodeAmong(List<WorkerNode> nodes) throws SQLException {
        int local = MetadataCache.localGroup();
        for (WorkerNode n : nodes) {
            if (n.groupId() == local) {
                return n;
            }
        }
        return null;
    }

    /** Tasks that write the same rows to each copy of a reference table: one reports the rows. */
    boolean writesCopies() {
        return false;
    }

    /** The statement only reads: a SELECT that locks no rows (see TaskExecutor.execute). */
    boolean readsOnly() {
        return false;
    }

    /** One execution with its constants and parameter values: its rows. */
    Iterator<Object[]> run(String[] constants, Object[] parameters) throws SQLException {
        List<Task> tasks = tasks(execution(constants, parameters));
        return streamsRows() ? TaskExecutor.stream(tasks, readsOnly(), repeatable())
                : TaskExecutor.execute(tasks, writesCopies(), readsOnly());
    }

    /** A read whose rows are handed over as they are read, not held whole (see TaskExecutor.stream). */
    boolean streamsRows() {
        return false;
    }

    /**
     * A streamed read that reads the same when run twice (no volatile calls): a lone task
     * may first run capped, and again through a portal if it has more rows.
     */
    boolean repeatable() {
        return false;
    }

    /** An execution's values: parameters null for EXPLAIN without them. */
    final Execution execution(String[] constants, Object[] parameters) {
        return new Execution(constants, parameters, parameterTypeNames, analysis.references.size());
    }

    final QueryPlanning.PlannedQuery bind(String[] constants) {
        return new QueryPlanning.PlannedQuery() {
            @Override
            public Iterator<Object[]> execute(Object[] parameters) throws SQLException {
                return run(constants, parameters);
            }

            @Override
            public String explain() {
                try {
                    return describe(tasks(execution(constants, null)));
                } catch (SQLException | ParameterNeeded e) {
                    return kind() + atExecution();
                }
            }

            @Override
            public String[] explain(Object[] parameters, boolean costs, boolean verbose) throws SQLException {
                return ShapePlan.this.explain(constants, parameters, costs, verbose);
            }
        };
    }

    /**
     * EXPLAIN's lines (see QueryPlanning.PlannedQuery#explain(Object[], boolean, boolean)),
     * as Citus shows a plan: the tasks for these values, and the first one's own plan (every
     * one's with citus.explain_all_tasks), from EXPLAIN on its node, each task's lines ending
     * in a null. Just the plan's line when citus.explain_distributed_queries is off, or a
     * task's text needs a value EXPLAIN was not given.
     */
    private String[] explain(String[] constants, Object[] parameters, boolean costs, boolean verbose)
            throws SQLException {
        Execution e = execution(constants, parameters);
        List<Task> tasks;
        try {
            tasks = tasks(e);
        } catch (ParameterNeeded needed) {
            return new String[] {kind() + atExecution()};
        }
        if (tasks.isEmpty() || e.renderedPlaceholders()) {
            return new String[] {describe(tasks)};
        }
        Object[] settings = LocalSql.rows(EXPLAIN_SETTINGS_SQL).get(0);
        if (!(Boolean) settings[0]) {
            return new String[] {describe(tasks)};
        }
        List<Task> shown = (Boolean) settings[1] ? tasks : tasks.subList(0, 1);
        List<String> lines = new ArrayList<>(List.of(describe(tasks), Integer.toString(tasks.size()),
                shown.size() == tasks.size() ? "All" : "One of " + tasks.size()));
        for (Task t : shown) {
            lines.add("host=" + t.node().nodeName() + " port=" + t.node().nodePort() + " dbname=" + settings[2]);
            lines.addAll(TaskExecutor.explain(t, costs, verbose));
            lines.add(null);
        }
        return lines.toArray(new String[0]);
    }

    private String describe(List<Task> tasks) {
        StringBuilder b = new StringBuilder(kind());
        b.append(", ").append(tasks.size()).append(tasks.size() == 1 ? " task" : " tasks");
        if (!tasks.isEmpty()) {
            b.append(tasks.size() == 1 ? "" : ", the first").append(" on ").append(tasks.get(0).node().address())
                    .append(": ").append(tasks.get(0).sql().replaceAll("\\s+", " ").trim());
        }
        return b.toString();
    }

    /** Thrown by tasks() when EXPLAIN asks for tasks whose shard depends on a parameter. */
    static final class ParameterNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParameterNeeded() {
            super(null, null, false, false);
        }
    }
}
