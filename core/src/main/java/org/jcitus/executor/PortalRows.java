/*
 * PortalRows.java — a SELECT's rows from its nodes as they are read: every task starts at once as a portal on its node, rows come a fetch at a time.
 */
package org.jcitus.executor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.ParallelCommands;
import org.jcitus.connection.RemoteErrors;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache;
import org.jcitus.pljvm.Interrupts;
import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.SqlError;
import org.jcitus.transaction.DistributedDeadlocks;

/**
 * Every task starts at once, each as a portal in its node's remote transaction (pgjdbc's
 * fetch size), and hands over {@value #FETCH_ROWS} rows per round trip as they are read:
 * the heap holds that many rows per task rather than the whole read. A portal reads from
 * the snapshot it started with however long it stays open, as a cursor does here, so the
 * statements that run while the rows are read (a PL/pgSQL loop's writes, a cursor's
 * neighbours, an INSERT .. SELECT's inserts) do not show in them, as they would in tasks
 * run later. A task of this node's group reads the same way through a cursor in the
 * local transaction (a reference table's copy here). Portals and cursors left open when
 * the scan ends early close with their transactions.
 */
final class PortalRows implements Iterator<Object[]> {
    static final int FETCH_ROWS = 2000;

    private final Source[] sources;
    private int index;
    private Object[] ahead;

    private PortalRows(Source[] sources) {
        this.sources = sources;
    }

    /** One task's rows, in order; null after the last. */
    private interface Source {
        Object[] next() throws SQLException;
    }

    /** A task of this node's group: a cursor in the local transaction, read a fetch at a time. */
    private static final class LocalCursor implements Source {
        /** cursors declared in this session so far: each its own name */
        private static long declared;

        private final String name = "jcitus_read_" + (++declared);
        private final Statement fetches;
        private ResultSet rows;
        private int columns;
        private int inFetch;

        LocalCursor(Task task) throws SQLException {
            Connection c = LocalSql.local();
            String declare = "DECLARE " + name + " NO SCROLL CURSOR FOR " + task.sql();
            try (Statement s = task.bindings().isEmpty() ? c.createStatement() : TaskExecutor.bound(c, declare, task)) {
                if (s instanceof PreparedStatement p) {
                    p.execute();
                } else {
                    s.execute(declare);
                }
            } catch (SQLException e) {
                throw withoutOwnStatement(e);
            }
            fetches = c.createStatement();
        }

        @Override
        public Object[] next() throws SQLException {
            try {
                return fetch();
            } catch (SQLException e) {
                throw withoutOwnStatement(e);
            }
        }

        /**
         * The error as the read's own: without the CONTEXT line SPI adds for the cursor's
         * DECLARE or FETCH, which the user did not write.
         */
        private SQLException withoutOwnStatement(SQLException e) {
            if (!(e instanceof SqlError error) || error.getContext() == null) {
                return e;
            }
            StringBuilder context = new StringBuilder();
            for (String line : error.getContext().split("\n")) {
                if (!(line.startsWith("SQL statement \"") && line.contains(name))) {
                    context.append(context.length() == 0 ? "" : "\n").append(line);
                }
            }
            return new SqlError(e.getSQLState(), e.getMessage(), e).withDetail(error.getDetail())
                    .withHint(error.getHint()).withContext(context.length() == 0 ? null : context.toString());
        }

        private Object[] fetch() throws SQLException {
            while (rows == null || !rows.next()) {
                boolean exhausted = rows != null && inFetch < FETCH_ROWS;
                if (rows != null) {
                    rows.close();
                    rows = null;
                }
                if (exhausted) {
                    fetches.execute("CLOSE " + name);
                    fetches.close();
                }
                if (fetches.isClosed()) {
                    return null;
                }
                rows = fetches.executeQuery("FETCH FORWARD " + FETCH_ROWS + " FROM " + name);
                columns = rows.getMetaData().getColumnCount();
                inFetch = 0;
            }
            inFetch++;
            Object[] row = new Object[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = rows.getString(i + 1);
            }
            return row;
        }
    }

    /** A task's portal on its node. */
    private static final class Portal implements Source {
        private final NodeAddress node;
        private final Statement statement;
        private ResultSet rows;
        private int columns;
        private long read;

        Portal(NodeAddress node, Connection c, Task task) throws SQLException {
            this.node = node;
            boolean bound = !task.bindings().isEmpty();
            this.statement = bound ? TaskExecutor.bound(c, task) : c.createStatement();
            statement.setFetchSize(FETCH_ROWS);
            try (Interrupts.Registration r = Waits.on(statement, true)) {
                if (bound) {
                    rows = ((PreparedStatement) statement).executeQuery();
                } else {
                    statement.setEscapeProcessing(false);   // deparsed SQL has no JDBC escapes
                    rows = statement.executeQuery(task.sql());
                }
                columns = rows.getMetaData().getColumnCount();
            } catch (SQLException e) {
                statement.close();
                throw failure(e);
            }
        }

        @Override
        public Object[] next() throws SQLException {
            if (rows == null) {
                return null;
            }
            try {
                boolean more;
                if (read > 0 && read % FETCH_ROWS == 0) {
                    // the fetched rows are used up: this one goes to the node
                    try (Interrupts.Registration r = Waits.on(statement, true)) {
                        more = rows.next();
                    }
                } else {
                    more = rows.next();
                }
                if (!more) {
                    statement.close();
                    rows = null;
                    return null;
                }
                read++;
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rows.getString(i + 1);
                }
                return row;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        private SQLException failure(SQLException e) {
            return RemoteErrors.statementFailed(node, DistributedDeadlocks.failed(e));
        }
    }

    /** Starts every task: a failing node fails the statement before any row is read. */
    static PortalRows start(List<Task> tasks) throws SQLException {
        Source[] sources = new Source[tasks.size()];
        int localGroup = MetadataCache.localGroup();
        Map<NodeAddress, List<Integer>> remote = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t.node().groupId() == localGroup) {
                sources[i] = new LocalCursor(t);
            } else {
                remote.computeIfAbsent(t.node().address(), n -> new ArrayList<>()).add(i);
            }
        }
        List<Callable<Void>> jobs = new ArrayList<>();
        for (Map.Entry<NodeAddress, List<Integer>> e : remote.entrySet()) {
            Connection c = NodeConnections.forTransaction(e.getKey());
            TaskExecutor.report(e.getKey(), e.getValue(), tasks);
            jobs.add(new Opening(e.getKey(), c, e.getValue(), tasks, sources));
        }
        ParallelCommands.each(jobs);
        return new PortalRows(sources);
    }

    /** One node's portals, opened one after another on its connection (on a thread of its own). */
    private record Opening(NodeAddress node, Connection connection, List<Integer> indexes, List<Task> tasks,
                           Source[] sources) implements Callable<Void> {
        @Override
        public Void call() throws SQLException {
            for (int i : indexes) {
                sources[i] = new Portal(node, connection, tasks.get(i));
            }
            return null;
        }
    }

    @Override
    public boolean hasNext() {
        try {
            while (ahead == null && index < sources.length) {
                ahead = sources[index].next();
                if (ahead == null) {
                    index++;
                }
            }
        } catch (SQLException e) {
            throw new QueryPlanning.RowsFailed(e);
        }
        return ahead != null;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = ahead;
        ahead = null;
        return row;
    }
}
