/*
 * LocalSql.java — short-hand for SQL on this node, in the caller's transaction.
 */
package org.jcitus.metadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.pljvm.jdbc.SpiDriver;

/**
 * Runs statements with parameters on a JDBC connection and returns plain rows: the local
 * node through {@code jdbc:default:connection}, or another node through pgjdbc, with the
 * same code. Values come back as JDBC's getObject gives them.
 */
public final class LocalSql {
    private LocalSql() {
    }

    /** The connection to this node, in the caller's transaction. */
    /** A name as SQL text, always quoted (as quote_identifier would when it must). */
    public static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static Connection local() throws SQLException {
        return SpiDriver.defaultConnection();
    }

    public static List<Object[]> rows(String sql, Object... parameters) throws SQLException {
        return rows(local(), sql, parameters);
    }

    public static List<Object[]> rows(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = prepare(c, sql, parameters); ResultSet rs = p.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public static Object value(String sql, Object... parameters) throws SQLException {
        List<Object[]> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : rows.get(0)[0];
    }

    public static long update(String sql, Object... parameters) throws SQLException {
        return update(local(), sql, parameters);
    }

    public static long update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement p = prepare(c, sql, parameters)) {
            return p.executeLargeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            p.setObject(i + 1, parameters[i]);
        }
        return p;
    }
}
