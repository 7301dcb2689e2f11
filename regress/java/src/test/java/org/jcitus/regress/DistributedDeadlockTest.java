/*
 * DistributedDeadlockTest.java — transactions that wait for each other on different workers are untangled.
 */
package org.jcitus.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Sessions on the coordinator lock rows of a distributed table whose shards are on two
 * different workers. Neither worker sees a cycle when they lock in opposite orders; jcitus
 * must: the younger transaction fails with 40P01 and the older one commits. A session
 * that only waits long (no cycle) is left alone, and with
 * citus.distributed_deadlock_detection_factor = -1 nothing is checked.
 */
class DistributedDeadlockTest {
    private static final int PORT = Integer.getInteger("jcitus.test.port", 58636);
    /** Long enough for a check that never comes to show; the cluster's own speed is not tested. */
    private static final long PATIENCE_SECONDS = 60;
    private static final ExecutorService BLOCKED = Executors.newCachedThreadPool();
    private static int first;
    private static int second;
    private static int secondWorkerPort;
    private final List<Connection> sessions = new ArrayList<>();

    @BeforeAll
    static void setUp() throws SQLException {
        try (Connection c = DistributedDifferentialTest.connect(PORT); Statement s = c.createStatement()) {
            DistributedDifferentialTest.registerNodes(s);
            s.execute("DROP TABLE IF EXISTS deadlocked");
            s.execute("CREATE TABLE deadlocked (id int PRIMARY KEY, v text)");
            s.execute("SELECT create_distributed_table('deadlocked', 'id')");
            s.execute("INSERT INTO deadlocked SELECT i, 'start' FROM generate_series(1, 20) i");
            // two keys whose shards are on different workers
            try (ResultSet r = s.executeQuery("SELECT a.id, b.id, b.port FROM"
                    + " (SELECT id, (SELECT nodeport FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid)"
                    + "   WHERE p.shardid = get_shard_id_for_distribution_column('deadlocked', id)) AS port"
                    + "  FROM generate_series(1, 20) id) a,"
                    + " (SELECT id, (SELECT nodeport FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid)"
                    + "   WHERE p.shardid = get_shard_id_for_distribution_column('deadlocked', id)) AS port"
                    + "  FROM generate_series(1, 20) id) b"
                    + " WHERE a.port <> b.port ORDER BY a.id, b.id LIMIT 1")) {
                assertTrue(r.next(), "rows on two workers");
                first = r.getInt(1);
                second = r.getInt(2);
                secondWorkerPort = r.getInt(3);
            }
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        BLOCKED.shutdownNow();
        try (Connection c = DistributedDifferentialTest.connect(PORT); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS deadlocked");
        }
    }

    @BeforeEach
    void startValues() throws SQLException {
        try (Connection c = DistributedDifferentialTest.connect(PORT); Statement s = c.createStatement()) {
            s.execute("UPDATE deadlocked SET v = 'start'");
        }
    }

    @AfterEach
    void closeSessions() throws SQLException {
        for (Connection c : sessions) {
            c.close();
        }
        sessions.clear();
    }

    /** A session in a transaction, checking for deadlocks after 2 x 100 ms of waiting. */
    private Connection session(String... settings) throws SQLException {
        Connection c = DistributedDifferentialTest.connect(PORT);
        sessions.add(c);
        try (Statement s = c.createStatement()) {
            s.execute("SET deadlock_timeout = '100ms'");
            for (String setting : settings) {
                s.execute(setting);
            }
        }
        c.setAutoCommit(false);
        return c;
    }

    private static void update(Connection c, int id, String value) throws SQLException {
        try (Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE deadlocked SET v = '" + value + "' WHERE id = " + id));
        }
    }

    private static Future<Void> updateInBackground(Connection c, int id, String value) {
        return BLOCKED.submit(() -> {
            update(c, id, value);
            return null;
        });
    }

    /** Waits until a session waits for a lock on the worker (the remote statement is blocked there). */
    private static void awaitLockWaitOnSecondWorker() throws Exception {
        try (Connection w = DistributedDifferentialTest.connect(secondWorkerPort); Statement s = w.createStatement()) {
            for (int i = 0; i < PATIENCE_SECONDS * 10; i++) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no session came to wait on the worker");
    }

    /**
     * The older session locks the first row (first worker), the younger the second (the
     * other worker); then each goes for the other's row, the older first: their waits,
     * older then younger.
     */
    private static Future<Void>[] lockInOppositeOrders(Connection older, Connection younger) throws Exception {
        return lockInOppositeOrders(older, younger, () -> {
            update(younger, first, "younger");
            return null;
        });
    }

    /** As above, the younger going for the first row with its own statement. */
    @SuppressWarnings("unchecked")
    private static Future<Void>[] lockInOppositeOrders(Connection older, Connection younger,
                                                       Callable<Void> youngerGoesForFirst) throws Exception {
        update(older, first, "older");
        update(younger, second, "younger");
        Future<Void> olderWaits = updateInBackground(older, second, "older");
        awaitLockWaitOnSecondWorker();
        return new Future[] {olderWaits, BLOCKED.submit(youngerGoesForFirst)};
    }

    private static String value(int id) throws SQLException {
        try (Connection c = DistributedDifferentialTest.connect(PORT); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT v FROM deadlocked WHERE id = " + id)) {
            r.next();
            return r.getString(1);
        }
    }

    private static SQLException failure(Future<Void> f) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof SQLException, e.getCause().toString());
        return (SQLException) e.getCause();
    }

    @Test
    void theYoungerTransactionOfACycleAcrossWorkersFails() throws Exception {
        Connection older = session();
        Connection younger = session();
        Future<Void>[] waits = lockInOppositeOrders(older, younger);

        SQLException e = failure(waits[1]);
        assertEquals("40P01", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("canceling the transaction since it was involved in a distributed deadlock"),
                e.getMessage());
        younger.rollback();
        waits[0].get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        older.commit();
        assertEquals("older", value(first));
        assertEquals("older", value(second));
    }

    @Test
    void aCopyIsPartOfTheCycleLikeAnyStatement() throws Exception {
        Connection older = session();
        Connection younger = session();
        // a row with the key the older one locks: the unique check waits for the older transaction
        Future<Void>[] waits = lockInOppositeOrders(older, younger, () -> {
            younger.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY deadlocked (id, v) FROM STDIN", new StringReader(first + "\tcopied\n"));
            return null;
        });

        SQLException e = failure(waits[1]);
        assertEquals("40P01", e.getSQLState(), e.getMessage());
        younger.rollback();
        waits[0].get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        older.commit();
        assertEquals("older", value(second));
    }

    @Test
    void aLongWaitWithoutACycleIsLeftAlone() throws Exception {
        Connection holder = session();
        Connection waiter = session();
        update(holder, second, "holder");
        Future<Void> waits = updateInBackground(waiter, second, "waiter");
        awaitLockWaitOnSecondWorker();
        // ten times the check's delay: it ran several times and found no cycle
        Thread.sleep(2000);
        assertFalse(waits.isDone(), "the waiting update ended while the lock was held");
        holder.commit();
        waits.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        waiter.commit();
        assertEquals("waiter", value(second));
    }

    @Test
    void noCheckWhenTheFactorIsMinusOne() throws Exception {
        Connection older = session("SET citus.distributed_deadlock_detection_factor = -1");
        Connection younger = session("SET citus.distributed_deadlock_detection_factor = -1",
                "SET statement_timeout = '3s'");
        Future<Void>[] waits = lockInOppositeOrders(older, younger);

        // only the statement timeout ends the deadlock
        SQLException e = failure(waits[1]);
        assertEquals("57014", e.getSQLState(), e.getMessage());
        younger.rollback();
        waits[0].get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        older.commit();
        assertEquals("older", value(second));
    }
}
