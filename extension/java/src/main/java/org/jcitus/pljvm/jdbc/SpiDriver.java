// SpiDriver.java — the JDBC driver for jdbc:default:connection, in-backend SQL through SPI.
package org.jcitus.pljvm.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The driver behind {@code DriverManager.getConnection("jdbc:default:connection")}, which
 * Java code running inside a PostgreSQL backend uses to run SQL in the caller's
 * transaction (through SPI, as PL/Java does). Connections are cheap views of the backend
 * with no state of their own: they can only be used from the thread running the SQL
 * call, cannot commit or roll back the caller's transaction, and offer savepoints
 * instead.
 *
 * <p>The driver registers itself with {@link DriverManager} when loaded and is listed in
 * {@code META-INF/services/java.sql.Driver}.
 */
public final class SpiDriver implements Driver {
    /** The only URL this driver accepts. */
    public static final String URL = "jdbc:default:connection";

    static {
        try {
            DriverManager.registerDriver(new SpiDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The connection {@code DriverManager.getConnection("jdbc:default:connection")} gives,
     * without DriverManager: its first use loads every driver on the class path (some 40 ms
     * of a new backend's first query).
     */
    public static Connection defaultConnection() {
        return new SpiConnection();
    }

    /** For {@link java.util.ServiceLoader}; the instance that serves is the one registered when the class loads. */
    public SpiDriver() {
    }

    /**
     * A new connection for {@value #URL}, or null for any other URL (so that
     * {@link DriverManager} asks the next driver). Properties are ignored.
     */
    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? new SpiConnection() : null;
    }

    /** Whether the URL is exactly {@value #URL}. */
    @Override
    public boolean acceptsURL(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("the URL is null", "08001");
        }
        return URL.equals(url);
    }

    /** None: the connection takes no properties. */
    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    /** 0, of version 0.1. */
    @Override
    public int getMajorVersion() {
        return 0;
    }

    /** 1, of version 0.1. */
    @Override
    public int getMinorVersion() {
        return 1;
    }

    /** False: much of JDBC (metadata, updatable result sets, transactions) is missing. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    /** Not supported: the driver does not log. */
    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw Unsupported.method("getParentLogger");
    }
}
