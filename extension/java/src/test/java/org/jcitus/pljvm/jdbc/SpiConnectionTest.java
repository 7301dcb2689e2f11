// SpiConnectionTest.java — the driver, connection and statements up to the point where SQL would run.
package org.jcitus.pljvm.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Nothing here reaches the natives: every call fails, or succeeds, before SQL would run. */
class SpiConnectionTest {
    private static void assertSqlState(String state, Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals(state, e.getSQLState(), e.getMessage());
    }

    @Test
    void driverManagerFindsTheDriverForItsUrlOnly() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:default:connection")) {
            assertInstanceOf(SpiConnection.class, c);
        }
        assertInstanceOf(SpiDriver.class, DriverManager.getDriver("jdbc:default:connection"));
        SpiDriver driver = new SpiDriver();
        assertNull(driver.connect("jdbc:postgresql://localhost/x", null));
        assertFalse(driver.acceptsURL("jdbc:default:connection:x"));
        assertFalse(driver.jdbcCompliant());
        assertEquals(0, driver.getMajorVersion());
        assertEquals(1, driver.getMinorVersion());
        assertThrows(SQLFeatureNotSupportedException.class, driver::getParentLogger);
    }

    @Test
    void theCallersTransactionCannotBeEnded() throws SQLException {
        Connection c = new SpiConnection();
        assertFalse(c.getAutoCommit());
        c.setAutoCommit(false);
        assertThrows(SQLFeatureNotSupportedException.class, () -> c.setAutoCommit(true));
        assertSqlState("2D000", c::commit);
        assertSqlState("2D000", c::rollback);
        assertEquals(ResultSet.CLOSE_CURSORS_AT_COMMIT, c.getHoldability());
        assertEquals("SELECT 1", c.nativeSQL("SELECT 1"));
        assertNull(c.getWarnings());
        assertTrue(c.isWrapperFor(Connection.class));
        assertEquals(c, c.unwrap(Connection.class));
        assertThrows(SQLException.class, () -> c.unwrap(String.class));
    }

    @Test
    void unsupportedMethodsSayWhatIsMissing() {
        Connection c = new SpiConnection();
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class,
                () -> c.prepareCall("CALL p()"));
        assertEquals("prepareCall is not supported by jdbc:default:connection", e.getMessage());
        assertEquals("0A000", e.getSQLState());
        assertThrows(SQLFeatureNotSupportedException.class, c::getMetaData);
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> c.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY));
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> c.prepareStatement("SELECT 1", Statement.RETURN_GENERATED_KEYS));
        assertThrows(SQLException.class, () -> c.rollback(null), "not one of its savepoints");
    }

    @Test
    void aClosedConnectionRefusesEverything() throws SQLException {
        Connection c = new SpiConnection();
        Statement s = c.createStatement();
        assertTrue(c.isValid(0));
        c.close();
        assertTrue(c.isClosed());
        assertFalse(c.isValid(0));
        assertSqlState("08003", c::createStatement);
        assertSqlState("08003", () -> c.prepareStatement("SELECT 1"));
        assertSqlState("08003", c::setSavepoint);
        assertSqlState("08003", c::commit);
        assertTrue(s.isClosed(), "its statements go with it");
        assertSqlState("08003", () -> s.execute("SELECT 1"));
        c.close();
    }

    @Test
    void statementsKeepTheirSettings() throws SQLException {
        Statement s = new SpiConnection().createStatement();
        s.setMaxRows(10);
        assertEquals(10, s.getMaxRows());
        s.setLargeMaxRows(1L << 40);
        assertEquals(1L << 40, s.getLargeMaxRows());
        assertEquals(Integer.MAX_VALUE, s.getMaxRows());
        assertSqlState("22023", () -> s.setMaxRows(-1));
        s.setFetchSize(100);
        assertEquals(100, s.getFetchSize());
        s.setQueryTimeout(5);
        assertEquals(5, s.getQueryTimeout());
        s.cancel();
        assertEquals(-1, s.getUpdateCount());
        assertNull(s.getResultSet());
        assertFalse(s.getMoreResults());
        assertEquals(0, s.executeBatch().length);
        assertThrows(SQLFeatureNotSupportedException.class,
                () -> s.executeUpdate("INSERT INTO t VALUES (1)", Statement.RETURN_GENERATED_KEYS));
        s.close();
        assertTrue(s.isClosed());
        assertSqlState("55000", () -> s.execute("SELECT 1"));
        assertSqlState("55000", s::getMaxRows);
    }

    @Test
    void preparedStatementsCheckTheirParameters() throws SQLException {
        PreparedStatement p = new SpiConnection().prepareStatement("SELECT ?, ?, '?'");
        p.setInt(1, 1);
        assertSqlState("22023", () -> p.setInt(3, 1));
        assertSqlState("22023", () -> p.setString(0, "x"));
        SQLException missing = assertThrows(SQLException.class, p::executeQuery);
        assertEquals("22023", missing.getSQLState());
        assertEquals("parameter $2 is not set", missing.getMessage());
        assertSqlState("22023", p::addBatch);
        p.setNull(2, Types.INTEGER);
        p.clearParameters();
        assertSqlState("22023", p::execute);
        assertNull(p.getMetaData(), "nothing has run yet");
        assertThrows(SQLFeatureNotSupportedException.class, p::getParameterMetaData);
    }

    @Test
    void preparedStatementsRefuseTheMethodsThatTakeSql() throws SQLException {
        PreparedStatement p = new SpiConnection().prepareStatement("SELECT 1");
        assertSqlState("42809", () -> p.execute("SELECT 2"));
        assertSqlState("42809", () -> p.executeQuery("SELECT 2"));
        assertSqlState("42809", () -> p.executeUpdate("SELECT 2"));
        assertSqlState("42809", () -> p.executeLargeUpdate("SELECT 2"));
        assertSqlState("42809", () -> p.addBatch("SELECT 2"));
        assertSqlState("42809", () -> p.execute("SELECT 2", Statement.NO_GENERATED_KEYS));
    }
}
