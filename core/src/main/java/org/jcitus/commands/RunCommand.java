/*
 * RunCommand.java — run_command_on_workers, _shards, _placements, _colocated_placements and _all_nodes.
 */
package org.jcitus.commands;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.RemoteCommandLog;
import org.jcitus.pljvm.Interrupts;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Manual propagation (seed: "Manual Query Propagation"): each command runs on its node in
 * a transaction of its own, outside the caller's, so that one node's failure is a row
 * that says so (success = false, result = the error) rather than an error that undoes the
 * rest. The nodes run their commands at the same time unless parallel is false; a node's
 * own commands run one after the other on one connection.
 */
public final class RunCommand {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "jcitus-run-command");
        t.setDaemon(true);
        return t;
    });

    private RunCommand() {
    }

    /** A command for a node; key identifies the row it produces (e.g. a shard id). */
    public record Task(NodeAddress node, Object key, String sql) {
    }

    /** What a command gave: success and its result (the first value, the command tag, or the error). */
    public record Outcome(Task task, boolean success, String result) {
    }

    public static List<Outcome> run(List<Task> tasks, boolean parallel) throws SQLException {
        Map<NodeAddress, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < tasks.size(); i++) {
            byNode.computeIfAbsent(tasks.get(i).node(), n -> new ArrayList<>()).add(i);
        }
        Outcome[] outcomes = new Outcome[tasks.size()];
        Map<NodeAddress, Connection> connections = new LinkedHashMap<>();
        for (NodeAddress node : byNode.keySet()) {
            try {
                connections.put(node, NodeConnections.standalone(node));
            } catch (SQLException e) {
                for (int i : byNode.get(node)) {
                    outcomes[i] = new Outcome(tasks.get(i), false, e.getMessage());
                }
            }
        }
        if (RemoteCommandLog.on()) {
            for (NodeAddress node : connections.keySet()) {
                for (int i : byNode.get(node)) {
                    RemoteCommandLog.report(node, tasks.get(i).sql());
                }
            }
        }
        List<Statement> running = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Interrupts.Registration r = Interrupts.onCancel(() -> cancel(running))) {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<NodeAddress, Connection> e : connections.entrySet()) {
                Runnable work = () -> {
                    for (int i : byNode.get(e.getKey())) {
                        outcomes[i] = execute(e.getValue(), tasks.get(i), running);
                    }
                };
                if (parallel) {
                    futures.add(POOL.submit(work));
                } else {
                    work.run();
                }
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            for (Connection c : connections.values()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // the node went away; its rows already say so
                }
            }
        }
        return List.of(outcomes);
    }

    private static Outcome execute(Connection c, Task task, List<Statement> running) {
        try (Statement s = c.createStatement()) {
            running.add(s);
            try {
                if (s.execute(task.sql())) {
                    try (ResultSet rs = s.getResultSet()) {
                        return new Outcome(task, true, rs.next() ? rs.getString(1) : "");
                    }
                }
                return new Outcome(task, true, commandTag(task.sql(), s.getLargeUpdateCount()));
            } finally {
                running.remove(s);
            }
        } catch (SQLException e) {
            return new Outcome(task, false, errorText(e));
        }
    }

    /** An error as libpq prints it ("ERROR:  division by zero"), which is what Citus reports. */
    private static String errorText(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException ? ((PSQLException) e).getServerErrorMessage() : null;
        return server == null ? e.getMessage() : server.getSeverity() + ":  " + server.getMessage();
    }

    /** What psql would print for a command without rows: "UPDATE 3", "INSERT 0 1", "CREATE TABLE". */
    static String commandTag(String sql, long count) {
        String[] words = sql.trim().replaceAll("^\\(+", "").split("\\s+");
        String first = words[0].toUpperCase(Locale.ROOT).replace(";", "");
        switch (first) {
            case "INSERT":
                return "INSERT 0 " + Math.max(count, 0);
            case "UPDATE":
            case "DELETE":
            case "MERGE":
            case "COPY":
                return first + " " + Math.max(count, 0);
            case "CREATE":
            case "ALTER":
            case "DROP":
                return words.length > 1 ? first + " " + words[1].toUpperCase(Locale.ROOT).replace(";", "") : first;
            default:
                return first;
        }
    }

    private static void await(Future<?> f) throws SQLException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for remote commands", "57014", e);
        } catch (ExecutionException e) {
            throw new SQLException("remote command failed: " + e.getCause(), "XX000", e.getCause());
        }
    }

    private static void cancel(List<Statement> running) {
        synchronized (running) {
            for (Statement s : running) {
                try {
                    s.cancel();
                } catch (SQLException ignored) {
                    // it ended meanwhile
                }
            }
        }
    }
}
