/*
 * DistributedDeadlocks.java — a session that waits for another node too long looks for a lock cycle across the nodes, and gives up if it is the victim.
 */
package org.jcitus.transaction;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.metadata.LocalSql;
import org.jcitus.pljvm.Interrupts;
import org.jcitus.pljvm.SqlError;

/**
 * Two transactions that lock rows on two workers in opposite orders wait for each other
 * forever: each worker sees one waiter and no cycle. Citus finds such cycles in a
 * background process that merges every node's lock waits about every two seconds. Here
 * each waiting session does it for itself, as PostgreSQL's own deadlock check runs in
 * the waiting backend: once a statement (or a COPY's chunk) has waited for a node longer
 * than {@code citus.distributed_deadlock_detection_factor} (2 by default; -1 turns the
 * check off) times {@code deadlock_timeout}, a thread of the session reads every node's
 * lock waits (see {@link WaitGraph}) and checks again as long as the wait lasts. If the
 * session is the victim, it cancels what it waits for, and the statement fails with 40P01;
 * its transaction rolls back on every node, which frees the others.
 *
 * <p>The check connects as the bootstrap superuser (as Citus's maintenance daemon
 * connects as the extension's owner): a role sees other roles' sessions in
 * pg_stat_activity only without their details.
 */
public final class DistributedDeadlocks {
    /** How old the settings may be before a statement on the backend thread reads them again. */
    private static final long SETTINGS_MAX_AGE_NANOS = 10_000_000_000L;
    private static final double DEFAULT_FACTOR = 2;
    private static final String SETTINGS_SQL = "SELECT current_setting('citus.distributed_deadlock_detection_factor', true),"
            + " extract(epoch FROM current_setting('deadlock_timeout')::interval)::float8 * 1000,"
            + " (SELECT rolname::text FROM pg_catalog.pg_roles WHERE oid = 10), current_database()::text,"
            + " current_setting('port')::int, " + NodeConnections.LOCAL_NODE_ID_SQL + "::bigint,"
            + " pg_backend_pid()";
    private static final String NODES_SQL = "SELECT nodeid::bigint, nodename, nodeport FROM pg_catalog.pg_dist_node"
            + " WHERE isactive AND noderole = 'primary' ORDER BY nodeid";
    /** Every client session of a node, and for those that wait for a lock, who holds it. */
    private static final String WAITS_SQL = "SELECT pid, application_name,"
            + " extract(epoch FROM xact_start)::float8, CASE WHEN wait_event_type = 'Lock'"
            + " THEN pg_catalog.pg_blocking_pids(pid) END"
            + " FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    /** Statements of this session waiting for a node now, on any thread. */
    private static final AtomicInteger WAITING = new AtomicInteger();
    private static volatile long waitingSince;
    private static volatile boolean victim;
    private static volatile Settings settings;
    private static long settingsReadAt;
    private static Thread watcher;

    private DistributedDeadlocks() {
    }

    /** What the check needs, read on the backend thread (the watcher cannot run SQL here). */
    private record Settings(long delayMillis, String superuser, String database, List<Node> nodes, long self) {
    }

    /** A node to read lock waits from, and the node id its own sessions' global pids carry. */
    private record Node(long nodeId, NodeAddress address) {
    }

    /**
     * Reads the settings and nodes again if they are older than a few seconds. Runs on the
     * backend thread before statements go to nodes.
     */
    public static void refresh() throws SQLException {
        long now = System.nanoTime();
        if (settings != null && now - settingsReadAt < SETTINGS_MAX_AGE_NANOS) {
            return;
        }
        Object[] s = LocalSql.rows(SETTINGS_SQL).get(0);
        long localNodeId = ((Number) s[5]).longValue();
        List<Node> nodes = new ArrayList<>();
        boolean localListed = false;
        for (Object[] n : LocalSql.rows(NODES_SQL)) {
            long nodeId = ((Number) n[0]).longValue();
            localListed |= nodeId == localNodeId;
            nodes.add(new Node(nodeId, new NodeAddress((String) n[1], ((Number) n[2]).intValue())));
        }
        if (!localListed) {
            nodes.add(new Node(localNodeId, new NodeAddress("localhost", ((Number) s[4]).intValue())));
        }
        double delay = factor((String) s[0]) * ((Number) s[1]).doubleValue();
        settings = new Settings(delay > 0 ? Math.max(1, (long) delay) : -1, (String) s[2], (String) s[3],
                List.copyOf(nodes), globalPid(localNodeId, ((Number) s[6]).intValue()));
        settingsReadAt = now;
    }

    /**
     * citus.distributed_deadlock_detection_factor, which jcitus does not define: unset or
     * unreadable, Citus's default; at or below zero, no check.
     */
    private static double factor(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_FACTOR;
        }
        try {
            return Double.parseDouble(setting.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_FACTOR;
        }
    }

    /** A statement starts waiting for a node (any thread); {@link #end} when it returns. */
    public static void begin() {
        if (WAITING.getAndIncrement() == 0) {
            victim = false;
            waitingSince = System.nanoTime();
        }
        if (watcher == null) {
            startWatcher();
        }
    }

    public static void end() {
        WAITING.decrementAndGet();
    }

    /**
     * The error of a statement that failed while it waited for a node: 40P01 if this
     * session gave up as a distributed deadlock's victim, otherwise the one it got.
     */
    public static SQLException failed(SQLException e) {
        if (!victim) {
            return e;
        }
        return new SqlError("40P01", "canceling the transaction since it was involved in a distributed deadlock", e)
                .withHint("Retry the transaction.");
    }

    private static synchronized void startWatcher() {
        if (watcher != null) {
            return;
        }
        Thread t = new Thread(new Watcher(), "jcitus-deadlock-check");
        t.setDaemon(true);
        t.start();
        watcher = t;
    }

    /** A class, not a lambda: a lambda's class is spun at first use, in every new backend. */
    private static final class Watcher implements Runnable {
        @Override
        public void run() {
            long lastCheck = 0;
            for (;;) {
                Settings s = settings;
                long delay = s == null || s.delayMillis() < 0 ? 1000 : s.delayMillis();
                // idle, a wake-up per delay (2 s at most); while a statement waits, four, to
                // check on time; never more than 20 a second
                long sleep = WAITING.get() == 0 ? Math.min(delay, 2000) : Math.min(1000, delay / 4);
                try {
                    Thread.sleep(Math.max(50, sleep));
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                long delayNanos = delay * 1_000_000L;
                if (s == null || s.delayMillis() < 0 || WAITING.get() == 0 || victim
                        || now - waitingSince < delayNanos || now - lastCheck < delayNanos) {
                    continue;
                }
                lastCheck = now;
                if (isVictim(s) && WAITING.get() > 0) {
                    victim = true;
                    Interrupts.cancelRegistered();
                }
            }
        }
    }

    /** Whether this session is the victim of a deadlock the nodes' lock waits show now. */
    private static boolean isVictim(Settings s) {
        WaitGraph graph = new WaitGraph();
        for (Node node : s.nodes()) {
            try (Connection c = NodeConnections.forMonitoring(node.address(), s.superuser(), s.database(),
                    "jcitus deadlock check"); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(WAITS_SQL)) {
                addWaits(graph, node, rs);
            } catch (SQLException e) {
                // a node out of reach shows no waits; a cycle through it is found once it answers
            }
        }
        return graph.victim(graph.deadlockedWith(s.self())) == s.self();
    }

    /** One node's sessions and waits, as global pids. */
    private static void addWaits(WaitGraph graph, Node node, ResultSet rs) throws SQLException {
        Map<Integer, Long> sessionOf = new HashMap<>();
        Map<Integer, Integer[]> blockedBy = new HashMap<>();
        while (rs.next()) {
            int pid = rs.getInt(1);
            String name = rs.getString(2);
            long session = globalPid(name);
            if (session < 0) {
                session = globalPid(node.nodeId(), pid);
                double start = rs.getDouble(3);
                if (!rs.wasNull()) {
                    graph.transactionStarted(session, start);
                }
            }
            sessionOf.put(pid, session);
            Array holders = rs.getArray(4);
            if (holders != null) {
                blockedBy.put(pid, (Integer[]) holders.getArray());
            }
        }
        for (Map.Entry<Integer, Integer[]> wait : blockedBy.entrySet()) {
            long waiter = sessionOf.get(wait.getKey());
            boolean throughConnection = waiter != globalPid(node.nodeId(), wait.getKey());
            for (int holderPid : wait.getValue()) {
                long holder = sessionOf.getOrDefault(holderPid, globalPid(node.nodeId(), holderPid));
                graph.addWait(waiter, holder, throughConnection);
            }
        }
    }

    /** The global pid of a node's own session (one no jcitus connection works for). */
    private static long globalPid(long nodeId, int pid) {
        return nodeId * NodeConnections.NODE_ID_UNIT + pid;
    }

    /** The global pid in a jcitus connection's application_name, or -1 for any other session. */
    static long globalPid(String applicationName) {
        if (applicationName == null || !applicationName.startsWith(NodeConnections.GLOBAL_PID_PREFIX)) {
            return -1;
        }
        try {
            return Long.parseLong(applicationName.substring(NodeConnections.GLOBAL_PID_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
