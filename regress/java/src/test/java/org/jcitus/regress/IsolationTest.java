/*
 * IsolationTest.java — a transaction's isolation level holds on the nodes it reads and writes.
 */
package org.jcitus.regress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sessions on the coordinator. A REPEATABLE READ transaction reads a row on a worker,
 * the other session changes it: a second read still sees the first value, and an update
 * fails with 40001 as it would on one PostgreSQL server. At READ COMMITTED the second
 * read sees the change.
 */
class IsolationTest {
    private static final int PORT = Integer.getInteger("jcitus.test.port", 58636);
    private static Connection reader;
    private static Connection writer;

    @BeforeAll
    static void setUp() throws SQLException {
        reader = DistributedDifferentialTest.connect(PORT);
        writer = DistributedDifferentialTest.connect(PORT);
        try (Statement s = writer.createStatement()) {
            DistributedDifferentialTest.registerNodes(s);
            s.execute("DROP TABLE IF EXISTS isolated");
            s.execute("CREATE TABLE isolated (id int PRIMARY KEY, v int)");
            s.execute("SELECT create_distributed_table('isolated', 'id')");
        }
    }

    @BeforeEach
    void oneRow() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("DELETE FROM isolated WHERE id = 1");
            s.execute("INSERT INTO isolated VALUES (1, 1)");
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("DROP TABLE IF EXISTS isolated");
        }
        reader.close();
        writer.close();
    }

    @Test
    void repeatableReadKeepsItsSnapshotOnTheNode() throws SQLException {
        reader.setAutoCommit(false);
        reader.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try (Statement s = reader.createStatement()) {
            assertEquals(1, value(s));
            changeElsewhere(2);
            assertEquals(1, value(s), "a second read in the same REPEATABLE READ transaction");
            SQLException e = assertThrows(SQLException.class, () -> s.execute("UPDATE isolated SET v = v + 10 WHERE id = 1"));
            assertEquals("40001", e.getSQLState(), e.getMessage());
        } finally {
            reader.rollback();
            reader.setAutoCommit(true);
            reader.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    void readCommittedSeesWhatCommittedSince() throws SQLException {
        reader.setAutoCommit(false);
        try (Statement s = reader.createStatement()) {
            assertEquals(1, value(s));
            changeElsewhere(3);
            assertEquals(3, value(s));
        } finally {
            reader.rollback();
            reader.setAutoCommit(true);
        }
    }

    private static int value(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT v FROM isolated WHERE id = 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void changeElsewhere(int v) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("UPDATE isolated SET v = " + v + " WHERE id = 1");
        }
    }
}
