/*
 * ParallelCommands.java — runs statements on several nodes at the same time.
 */
package org.jcitus.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jcitus.pljvm.Interrupts;

/**
 * Statements for several nodes, each run on its own thread over its node's connection,
 * so that the slowest node sets the pace rather than the sum of them (Citus syncs
 * metadata to nodes in parallel for the same reason). The threads touch only their
 * connections, never the backend. A cancel of the SQL call cancels every statement.
 */
public final class ParallelCommands {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "jcitus-remote");
        t.setDaemon(true);
        return t;
    });

    private ParallelCommands() {
    }

    /** One statement, with its parameters, for one node. */
    public record Command(NodeAddress node, Connection connection, String sql, Object... parameters) {
    }

    /**
     * Runs all commands (those of one node in the given order) and waits for them.
     * The first failure, in the order of the commands, is thrown after all have ended.
     */
    public static void run(List<Command> commands) throws SQLException {
        Map<NodeAddress, List<Command>> byNode = new java.util.LinkedHashMap<>();
        for (Command c : commands) {
            byNode.computeIfAbsent(c.node(), n -> new ArrayList<>()).add(c);
        }
        if (RemoteCommandLog.on()) {
            for (List<Command> nodeCommands : byNode.values()) {
                for (Command c : nodeCommands) {
                    RemoteCommandLog.report(c.node(), c.sql());
                }
            }
        }
        Set<PreparedStatement> running = ConcurrentHashMap.newKeySet();
        List<Callable<Void>> jobs = new ArrayList<>();
        for (List<Command> nodeCommands : byNode.values()) {
            jobs.add(() -> {
                for (Command c : nodeCommands) {
                    execute(c, running);
                }
                return null;
            });
        }
        try (Interrupts.Registration r = Interrupts.onCancel(() -> cancelAll(running))) {
            each(jobs);
        }
    }

    /**
     * Runs each job on a thread of its own and waits for all; their results in order, or
     * the first failure (in the order of the jobs) once all have ended. Jobs must not touch
     * the backend; the caller registers how to cancel them.
     */
    public static <T> List<T> each(List<? extends Callable<T>> jobs) throws SQLException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> job : jobs) {
            futures.add(POOL.submit(job));
        }
        List<T> results = new ArrayList<>();
        SQLException first = null;
        for (Future<T> f : futures) {
            try {
                results.add(outcome(f));
            } catch (SQLException failure) {
                if (first == null) {
                    first = failure;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        return results;
    }

    private static void execute(Command c, Set<PreparedStatement> running) throws SQLException {
        try (PreparedStatement p = c.connection().prepareStatement(c.sql())) {
            for (int i = 0; i < c.parameters().length; i++) {
                p.setObject(i + 1, c.parameters()[i]);
            }
            running.add(p);
            try {
                p.execute();
            } finally {
                running.remove(p);
            }
        } catch (SQLException e) {
            throw RemoteErrors.statementFailed(c.node(), e);
        }
    }

    /** Waits for one job; its result, or its failure thrown. */
    private static <T> T outcome(Future<T> f) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    // the statements were cancelled; wait for the thread to notice
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                throw (SQLException) cause;
            }
            throw new SQLException("remote command failed: " + cause, "XX000", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void cancelAll(Set<PreparedStatement> running) {
        for (PreparedStatement p : running) {
            try {
                p.cancel();
            } catch (SQLException e) {
                // the statement ended meanwhile
            }
        }
    }
}
