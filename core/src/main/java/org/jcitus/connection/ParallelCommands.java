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
        Set<PreparedStatement> running = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        try (Interrupts.Registration r = Interrupts.onCancel(() -> cancelAll(running))) {
            for (List<Command> nodeCommands : byNode.values()) {
                futures.add(POOL.submit(() -> {
                    for (Command c : nodeCommands) {
                        execute(c, running);
                    }
                    return null;
                }));
            }
            SQLException first = null;
            for (Future<?> f : futures) {
                SQLException failure = outcome(f);
                if (first == null) {
                    first = failure;
                }
            }
            if (first != null) {
                throw first;
            }
        }
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

    /** Waits for one node's work; its failure, or null. */
    private static SQLException outcome(Future<?> f) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    f.get();
                    return null;
                } catch (InterruptedException e) {
                    // the statements were cancelled; wait for the thread to notice
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException) {
                return (SQLException) cause;
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
