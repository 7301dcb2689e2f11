/*
 * SavepointFailureTest.java — a node that cannot roll back to a savepoint leaves the transaction unable to commit.
 */
package org.jcitus.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Savepoints are mirrored on the nodes a transaction works on. When a node's remote
 * transaction is gone by the time the local transaction rolls back to a savepoint, the
 * work done there before the savepoint is lost with it, and the local transaction must
 * not commit as if it were kept: COMMIT fails, and nothing of the transaction stays on
 * any node. The test ends the remote transaction's backend on the worker itself (and waits
 * until it is gone).
 */
class SavepointFailureTest {
    private static final int PORT = Integer.getInteger("jcitus.test.port", 58636);
    private static Connection coordinator;

    @BeforeAll
    static void setUp() throws SQLException {
        coordinator = DistributedDifferentialTest.connect(PORT);
        try (Statement s = coordinator.createStatement()) {
            DistributedDifferentialTest.registerNodes(s);
            s.execute("DROP TABLE IF EXISTS savepoint_lost");
            s.execute("CREATE TABLE savepoint_lost (id bigint PRIMARY KEY, note text)");
            // one shard: every row is on the same worker
            s.execute("SELECT create_distributed_table('savepoint_lost', 'id', shard_count := 1)");
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        try (Statement s = coordinator.createStatement()) {
            s.execute("DROP TABLE IF EXISTS savepoint_lost");
        }
        coordinator.close();
    }

    @Test
    void commitFailsWhenANodeCannotRollBackToTheSavepoint() throws SQLException {
        int workerPort = workerPort();
        coordinator.setAutoCommit(false);
        try (Statement s = coordinator.createStatement()) {
            s.execute("INSERT INTO savepoint_lost VALUES (1, 'before the savepoint')");
            s.execute("SAVEPOINT sp");
            s.execute("INSERT INTO savepoint_lost VALUES (2, 'after it')");
            endRemoteTransaction(workerPort);
            s.execute("ROLLBACK TO SAVEPOINT sp");
            SQLException e = assertThrows(SQLException.class, coordinator::commit);
            assertEquals("25000", e.getSQLState(), e.getMessage());
            assertTrue(e.getMessage().contains("rolled back to a savepoint after working on other nodes"), e.getMessage());
        } finally {
            coordinator.setAutoCommit(true);
        }
        assertEquals(0, rowsOnNodes(), "rows of the transaction left on the node");
    }

    /**
     * The node's remote transaction ends before the savepoint is made there (jcitus makes
     * it on the next statement that works on the node): that statement fails naming the
     * node, the transaction rolls back, and the session's next statement connects afresh.
     */
    @Test
    void aStatementFailsWhenItsNodeCannotMakeTheSavepoint() throws SQLException {
        int workerPort = workerPort();
        coordinator.setAutoCommit(false);
        try (Statement s = coordinator.createStatement()) {
            s.execute("INSERT INTO savepoint_lost VALUES (1, 'before the savepoint')");
            s.execute("SAVEPOINT sp");
            endRemoteTransaction(workerPort);
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO savepoint_lost VALUES (2, 'inside it')"));
            assertTrue(e.getMessage().contains("127.0.0.1:" + workerPort), e.getMessage());
            coordinator.rollback();
        } finally {
            coordinator.setAutoCommit(true);
        }
        assertEquals(0, rowsOnNodes(), "rows of the transaction left on the node");
        try (Statement s = coordinator.createStatement()) {
            s.execute("INSERT INTO savepoint_lost VALUES (3, 'afterwards')");
        }
        assertEquals(1, rowsOnNodes());
        try (Statement s = coordinator.createStatement()) {
            s.execute("DELETE FROM savepoint_lost");
        }
    }

    private static int workerPort() throws SQLException {
        try (Statement s = coordinator.createStatement();
             ResultSet rs = s.executeQuery("SELECT nodeport FROM run_command_on_placements('savepoint_lost', 'SELECT 1')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Ends the backend of the table's open remote transaction on the worker, and waits until it is gone. */
    private static void endRemoteTransaction(int workerPort) throws SQLException {
        try (Connection worker = DistributedDifferentialTest.connect(workerPort); Statement w = worker.createStatement()) {
            w.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity"
                    + " WHERE application_name LIKE 'citus_internal%' AND state = 'idle in transaction'"
                    + " AND query LIKE '%savepoint_lost%'");
        }
    }

    private static int rowsOnNodes() throws SQLException {
        try (Statement s = coordinator.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(result::int) FROM run_command_on_placements('savepoint_lost',"
                     + " 'SELECT count(*) FROM %s')")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
