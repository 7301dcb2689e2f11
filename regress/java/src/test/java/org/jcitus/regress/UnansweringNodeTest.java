/*
 * UnansweringNodeTest.java — a node that stops answering holds a transaction's end for citus.node_connection_timeout, not forever.
 */
package org.jcitus.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A transaction writes on both workers; then the backend serving it on one worker is
 * stopped (SIGSTOP: a hung server, a lost network, as the coordinator sees it). ROLLBACK
 * and COMMIT used to wait for that node for as long as it stayed stopped, where no cancel
 * reaches them. With citus.node_connection_timeout at 2 s they end within seconds: the
 * ROLLBACK silently, closing the connection (which rolls the node's work back when it
 * resumes), the COMMIT with an error naming the node. The waits run on a thread of the
 * test, so that a hang fails the test rather than the build; the backend is resumed
 * whatever happens.
 */
class UnansweringNodeTest {
    private static final int PORT = Integer.getInteger("jcitus.test.port", 58636);
    private static final int TIMEOUT_MS = 2000;
    /** Far more than the timeout, far less than forever. */
    private static final long PATIENCE_SECONDS = 60;
    private static final ExecutorService WAITING = Executors.newCachedThreadPool();

    private static Connection coordinator;
    private static int stoppedPid;

    @BeforeAll
    static void setUp() throws SQLException {
        coordinator = DistributedDifferentialTest.connect(PORT);
        try (Statement s = coordinator.createStatement()) {
            // before the session's first connection to a node, which reads it
            s.execute("SET citus.node_connection_timeout = " + TIMEOUT_MS);
            DistributedDifferentialTest.registerNodes(s);
            s.execute("DROP TABLE IF EXISTS unanswering");
            s.execute("CREATE TABLE unanswering (id bigint PRIMARY KEY, v int NOT NULL)");
            s.execute("SELECT create_distributed_table('unanswering', 'id', shard_count := 4)");
            s.execute("INSERT INTO unanswering SELECT i, 0 FROM generate_series(1, 40) i");
        }
    }

    @AfterEach
    void resume() throws Exception {
        if (stoppedPid != 0) {
            signal("CONT", stoppedPid);
            stoppedPid = 0;
        }
        if (!coordinator.getAutoCommit()) {
            coordinator.setAutoCommit(true);
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        WAITING.shutdownNow();
        try (Statement s = coordinator.createStatement()) {
            s.execute("DROP TABLE IF EXISTS unanswering");
        }
        coordinator.close();
    }

    @Test
    void rollbackEndsAndTheNodeRollsBackWhenItResumes() throws Exception {
        coordinator.setAutoCommit(false);
        try (Statement s = coordinator.createStatement()) {
            s.execute("UPDATE unanswering SET v = v + 1");
        }
        stopRemoteBackend(PORT + 2);
        long seconds = secondsTaken(() -> {
            coordinator.rollback();
            return null;
        });
        assertTrue(seconds < PATIENCE_SECONDS / 2, "ROLLBACK took " + seconds + " s");
        resume();
        assertEquals(0, sumOnNodes(), "the transaction's updates left on a node");
        // the session goes on, with a new connection to the node
        try (Statement s = coordinator.createStatement()) {
            s.execute("UPDATE unanswering SET v = v + 1 WHERE true");
        }
        assertEquals(40, sumOnNodes());
        try (Statement s = coordinator.createStatement()) {
            s.execute("UPDATE unanswering SET v = 0");
        }
    }

    @Test
    void commitFailsNamingTheNode() throws Exception {
        coordinator.setAutoCommit(false);
        try (Statement s = coordinator.createStatement()) {
            s.execute("UPDATE unanswering SET v = v + 1");
        }
        int port = PORT + 2;
        stopRemoteBackend(port);
        long start = System.nanoTime();
        Future<Void> commit = WAITING.submit(() -> {
            coordinator.commit();
            return null;
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> commit.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertTrue(seconds < PATIENCE_SECONDS / 2, "COMMIT took " + seconds + " s");
        SQLException failed = (SQLException) e.getCause();
        assertEquals("08006", failed.getSQLState(), failed.getMessage());
        assertTrue(failed.getMessage().contains("127.0.0.1:" + port)
                && failed.getMessage().contains("did not answer within " + TIMEOUT_MS + " ms"), failed.getMessage());
        resume();
        // whatever each node did, every shard is whole: all of its rows updated, or none
        try (Statement s = coordinator.createStatement();
             ResultSet rs = s.executeQuery("SELECT bool_and(result = '1') FROM run_command_on_shards("
                     + "'unanswering', 'SELECT count(DISTINCT v) FROM %s')")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "a shard with some of its rows updated");
        }
        try (Statement s = coordinator.createStatement()) {
            s.execute("UPDATE unanswering SET v = 0");
        }
    }

    /** How long the call took, in seconds; fails after PATIENCE_SECONDS. */
    private static long secondsTaken(Callable<Void> call) throws Exception {
        long start = System.nanoTime();
        WAITING.submit(call).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    }

    /** Stops the worker's backend that holds the coordinator's open remote transaction there. */
    private static void stopRemoteBackend(int workerPort) throws Exception {
        try (Connection worker = DistributedDifferentialTest.connect(workerPort);
             Statement w = worker.createStatement();
             ResultSet rs = w.executeQuery("SELECT pid FROM pg_stat_activity"
                     + " WHERE application_name LIKE 'citus_internal gpid=%' AND state = 'idle in transaction'"
                     + " AND query LIKE '%unanswering%'")) {
            assertTrue(rs.next(), "no remote transaction on the worker at " + workerPort);
            stoppedPid = rs.getInt(1);
        }
        signal("STOP", stoppedPid);
    }

    private static void signal(String name, int pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Integer.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }

    private static int sumOnNodes() throws SQLException {
        try (Statement s = coordinator.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(result::int) FROM run_command_on_placements('unanswering',"
                     + " 'SELECT sum(v) FROM %s')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
