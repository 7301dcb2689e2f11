// JdbcResource.java — what a connection, a statement and a result set of jdbc:default:connection share.
package org.jcitus.pljvm.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Wrapper;

/**
 * The part of java.sql's Connection, Statement and ResultSet that is the same for all three
 * here: no warnings (PostgreSQL's notices go to the server log and the client, not to
 * Java), nothing wrapped, and refusal once closed.
 */
abstract class JdbcResource implements Wrapper {
    /** Throws if this object, or what it belongs to, is closed. */
    abstract void checkOpen() throws SQLException;

    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
