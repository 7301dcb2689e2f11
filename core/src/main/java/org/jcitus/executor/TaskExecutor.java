/*
 * TaskExecutor.java — runs a plan's tasks on their nodes: in parallel across nodes, locally through SPI, and over one connection per node.
 */
package org.jcitus.executor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.RemoteCommandLog;
import org.jcitus.connection.RemoteErrors;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.pljvm.Interrupts;
import org.jcitus.pljvm.Transactions;
import org.jcitus.transaction.DistributedDeadlocks;

/**
 * Tasks of this node's group run through SPI, in the local transaction; the others over
 * {@link NodeConnections}: those of one node one after another on its connection, the
 * nodes in parallel (one thread each). A statement that is its transaction's only one and
 * has a single remote task runs in autocommit on the node (no remote transaction to
 * commit: one round trip), and so does such a read where more statements may follow
 * before the transaction ends (see {@link Transactions#READS_ALONE}); anything else joins
 * the transaction's remote transactions, which commit with it.
 */
public final class TaskExecutor {
    /** The rows a lone read brings back in one round trip before it is read through a portal instead. */
    static final int LONE_READ_ROWS = 10_000;

    private TaskExecutor() {
    }

    private record Outcome(List<Object[]> rows, long modified) {
    }

    /** One node's share of the tasks. */
    private interface NodeWork extends Callable<Void> {
        @Override
        Void call() throws SQLException;
    }

    /**
     * Runs the tasks; their rows in task order. Tasks that write the copies of a reference
     * table report the rows of the first copy alone. A statement that reads only (a
     * SELECT that locks no rows) says so.
     */
    public static TaskResult execute(List<Task> tasks, boolean writesCopies, boolean readsOnly) throws SQLException {
        return execute(tasks, writesCopies, readsOnly, true);
    }

    /**
     * Runs one part of a statement's tasks, more parts following: they all join the
     * transaction's remote transactions, so that the statement commits or fails whole.
     */
    public static TaskResult executePart(List<Task> tasks, boolean writesCopies) throws SQLException {
        return execute(tasks, writesCopies, false, false);
    }

    /**
     * Runs a SELECT's tasks, its rows handed over as they are read rather than held whole
     * (a tenant's million rows, a COPY TO of a table). Every remote task starts at once as
     * a portal in its node's remote transaction (see {@link PortalRows}). A lone task that
     * may run in autocommit (see {@link #mayRunAlone}) first does so, one round trip, its
     * rows capped at {@value #LONE_READ_ROWS}: most reads end there. One that has more is
     * read again through a portal, its first rows dropped, when running it twice reads the
     * same as once (repeatable: no volatile function calls); otherwise it starts through a
     * portal. A lone task of this node's group (a reference table's copy here) does the
     * same through SPI, and with more rows is read through a cursor.
     */
    public static Iterator<Object[]> stream(List<Task> tasks, boolean readsOnly, boolean repeatable)
            throws SQLException {
        if (tasks.isEmpty()) {
            return execute(tasks, false, readsOnly);
        }
        boolean local = tasks.size() == 1 && tasks.get(0).node().groupId() == MetadataCache.localGroup();
        if (tasks.size() == 1 && repeatable && (local || mayRunAlone(readsOnly))) {
            DistributedDeadlocks.refresh();
            TaskResult whole = local ? localRows(tasks.get(0), LONE_READ_ROWS + 1)
                    : runAloneRetrying(tasks.get(0), LONE_READ_ROWS + 1);
            if (whole.size() <= LONE_READ_ROWS) {
                return whole;
            }
        }
        return throughPortals(tasks);
    }

    /**
     * Runs a read's tasks inside the transaction, every one at once, each handing over its
     * rows a fetch at a time as they are read (see {@link PortalRows}).
     */
    public static Iterator<Object[]> throughPortals(List<Task> tasks) throws SQLException {
        DistributedDeadlocks.refresh();
        return PortalRows.start(tasks);
    }

    /**
     * The task's own plan where it runs (EXPLAIN there, which runs nothing), a line each:
     * what EXPLAIN shows of a task, as Citus shows it.
     */
    public static List<String> explain(Task task, boolean costs, boolean verbose) throws SQLException {
        Task explain = new Task(task.node(), "EXPLAIN (COSTS " + costs + ", VERBOSE " + verbose + ") " + task.sql(),
                task.bindings());
        List<String> lines = new ArrayList<>();
        for (TaskResult plan = execute(List.of(explain), false, true); plan.hasNext(); ) {
            lines.add((String) plan.next()[0]);
        }
        return lines;
    }

    /**
     * Reports the node's tasks' commands (citus.log_remote_commands), before another
     * thread sends them.
     */
    static void report(NodeAddress node, List<Integer> indexes, List<Task> tasks) throws SQLException {
        if (RemoteCommandLog.on()) {
            for (int i : indexes) {
                RemoteCommandLog.report(node, tasks.get(i).sql());
            }
        }
    }

    /** A task of this node's group, through SPI: its rows, capped at maxRows. */
    private static TaskResult localRows(Task task, int maxRows) throws SQLException {
        Outcome o = run(LocalSql.local(), null, task, maxRows);
        return new TaskResult(o.rows(), o.modified());
    }

    private static TaskResult execute(List<Task> tasks, boolean writesCopies, boolean readsOnly, boolean whole)
            throws SQLException {
        DistributedDeadlocks.refresh();
        int localGroup = MetadataCache.localGroup();
        if (whole && tasks.size() == 1 && tasks.get(0).node().groupId() != localGroup && mayRunAlone(readsOnly)) {
            return runAloneRetrying(tasks.get(0), 0);
        }
        Outcome[] outcomes = new Outcome[tasks.size()];
        Map<NodeAddress, List<Integer>> remote = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t.node().groupId() == localGroup) {
                outcomes[i] = run(LocalSql.local(), null, t, 0);
            } else {
                remote.computeIfAbsent(t.node().address(), n -> new ArrayList<>()).add(i);
            }
        }
        List<NodeWork> jobs = new ArrayList<>();
        for (Map.Entry<NodeAddress, List<Integer>> e : remote.entrySet()) {
            NodeAddress node = e.getKey();
            Connection c = NodeConnections.forTransaction(node);
            report(node, e.getValue(), tasks);
            jobs.add(() -> {
                for (int i : e.getValue()) {
                    outcomes[i] = run(c, node, tasks.get(i), 0);
                }
                return null;
            });
        }
        if (jobs.size() == 1) {
            jobs.get(0).call();
        } else if (!jobs.isEmpty()) {
            ParallelCommands.each(jobs);
        }
        if (writesCopies) {
            return new TaskResult(outcomes[0].rows(), outcomes[0].modified());
        }
        long modified = 0;
        for (Outcome o : outcomes) {
            modified += o.modified();
        }
        return new TaskResult(inStatementOrder(tasks, outcomes), modified);
    }

    /**
     * The tasks' rows in the order one server would return them, where the tasks say
     * (Task.rowPositions) and every task returned one row for each of its rows; otherwise
     * task after task (an ON CONFLICT DO NOTHING that skipped rows leaves no way to tell).
     */
    private static List<Object[]> inStatementOrder(List<Task> tasks, Outcome[] outcomes) {
        int total = 0;
        boolean placed = true;
        for (int i = 0; i < outcomes.length; i++) {
            int[] positions = tasks.get(i).rowPositions();
            placed &= positions != null && positions.length == outcomes[i].rows().size();
            total += outcomes[i].rows().size();
        }
        List<Object[]> rows = new ArrayList<>(total);
        if (!placed) {
            for (Outcome o : outcomes) {
                rows.addAll(o.rows());
            }
            return rows;
        }
        Object[][] ordered = new Object[total][];
        for (int i = 0; i < outcomes.length; i++) {
            int[] positions = tasks.get(i).rowPositions();
            for (int r = 0; r < positions.length; r++) {
                ordered[positions[r]] = outcomes[i].rows().get(r);
            }
        }
        for (Object[] row : ordered) {
            rows.add(row);
        }
        return rows;
    }

    /**
     * Whether the statement may finish its one remote task in autocommit: it is its
     * transaction's only writer (the transaction ends with it and has opened no remote
     * transaction before), or it only reads. A write where more statements may follow
     * (a JDBC batch) must instead commit with the transaction.
     */
    private static boolean mayRunAlone(boolean readsOnly) {
        int scope = Transactions.statementScope();
        if (scope == Transactions.ALONE) {
            // an Execute just before its Sync follows others of the transaction, which may have written on nodes
            return readsOnly || !NodeConnections.anyInTransaction();
        }
        return readsOnly && scope == Transactions.READS_ALONE;
    }

    /**
     * A statement's one task, in autocommit on the node (see {@link #mayRunAlone}), its
     * rows capped at maxRows (0: all); once more if the node's cached connection turns out
     * to have ended (a restart) before it ran anything.
     */
    private static TaskResult runAloneRetrying(Task task, int maxRows) throws SQLException {
        NodeAddress node = task.node().address();
        try {
            return runAlone(node, task, maxRows);
        } catch (SQLException e) {
            if (!RemoteErrors.isSessionEnded(e)) {
                throw e;
            }
            return runAlone(node, task, maxRows);
        }
    }

    private static TaskResult runAlone(NodeAddress node, Task task, int maxRows) throws SQLException {
        Connection c = NodeConnections.forSingleStatement(node);
        boolean broken = true;
        RemoteCommandLog.issuing(node, task.sql());
        try {
            Outcome o = run(c, node, task, maxRows);
            broken = false;
            return new TaskResult(o.rows(), o.modified());
        } catch (SQLException e) {
            broken = c.isClosed() || RemoteErrors.isSessionEnded(e);
            throw e;
        } finally {
            NodeConnections.release(node, c, broken);
        }
    }

    /**
     * One statement on a connection (node null: the local one); a cancel of the SQL call
     * cancels it. With bind parameters, a remote statement is the connection's kept
     * prepared statement for the text: the driver prepares it on the node once it has run
     * a few times, and then sends only the values. Rows past maxRows (0: none) are left
     * on the node.
     */
    private static Outcome run(Connection c, NodeAddress node, Task task, int maxRows) throws SQLException {
        boolean bound = !task.bindings().isEmpty();
        boolean kept = bound && node != null;
        Statement statement = null;
        try {
            statement = kept ? NodeConnections.prepared(c, task.sql())
                    : bound ? c.prepareStatement(task.sql()) : c.createStatement();
            try (Interrupts.Registration r = Waits.on(statement, node != null)) {
                return execute(statement, task, maxRows);
            } catch (SQLException e) {
                throw node == null ? e : DistributedDeadlocks.failed(e);
            }
        } catch (SQLException e) {
            throw node == null ? e : RemoteErrors.statementFailed(node, e);
        } finally {
            if (statement != null && !kept) {
                statement.close();
            }
        }
    }

    /** A new prepared statement on the connection, with the task's values bound. */
    static PreparedStatement bound(Connection c, Task task) throws SQLException {
        return bound(c, task.sql(), task);
    }

    /** The same for a text that takes the task's values (a cursor's DECLARE for it). */
    static PreparedStatement bound(Connection c, String sql, Task task) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        bind(p, task);
        return p;
    }

    private static void bind(PreparedStatement p, Task task) throws SQLException {
        for (int i = 0; i < task.bindings().size(); i++) {
            p.setObject(i + 1, task.bindings().get(i), Types.OTHER);
        }
    }

    private static Outcome execute(Statement statement, Task task, int maxRows) throws SQLException {
        boolean hasRows;
        if (statement instanceof PreparedStatement p) {
            bind(p, task);
            p.setMaxRows(maxRows);
            try {
                hasRows = p.execute();
            } finally {
                // a kept statement would hold on to its values (an INSERT .. SELECT's thousands), and its cap
                p.clearParameters();
                p.setMaxRows(0);
            }
        } else {
            statement.setMaxRows(maxRows);
            statement.setEscapeProcessing(false);   // deparsed SQL has no JDBC escapes
            hasRows = statement.execute(task.sql());
        }
        if (!hasRows) {
            return new Outcome(List.of(), statement.getLargeUpdateCount());
        }
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = statement.getResultSet()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return new Outcome(rows, rows.size());
    }
}
