/*
 * Sql.java — functions that run SQL in the caller's transaction through jdbc:default:connection.
 */
package org.jcitus.regress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

public final class Sql {
    private Sql() {
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:default:connection");
    }

    /** The first column of the first row of a query, as text. */
    public static String scalar(String query) throws SQLException {
        try (Statement s = connection().createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    public static long update(String command) throws SQLException {
        try (Statement s = connection().createStatement()) {
            return s.executeLargeUpdate(command);
        }
    }

    /** Inserts (key, value) with a PreparedStatement and '?' parameters. */
    public static int insertPair(String table, int key, String value) throws SQLException {
        try (PreparedStatement p = connection().prepareStatement(
                "INSERT INTO " + table + " VALUES (?, ?)")) {
            p.setInt(1, key);
            p.setString(2, value);
            return p.executeUpdate();
        }
    }

    /** Each row of a query as "name:type=value" pairs, from the metadata and the getters. */
    public static String[] rows(String query, Object parameter) throws SQLException {
        try (PreparedStatement p = connection().prepareStatement(query)) {
            p.setObject(1, parameter);
            try (ResultSet rs = p.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                java.util.List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.append(c > 1 ? " " : "").append(md.getColumnName(c)).append(':')
                                .append(md.getColumnTypeName(c)).append('=').append(rs.getString(c));
                    }
                    out.add(row.toString());
                }
                return out.toArray(new String[0]);
            }
        }
    }

    /** Lets an SQL error escape: it must reach the client unchanged. */
    public static void failingStatement(String command) throws SQLException {
        update(command);
    }

    /** Catches an SQL error, rolls back to a savepoint, and goes on. */
    public static String recoverWithSavepoint(String failing, String after) throws SQLException {
        Connection c = connection();
        Savepoint sp = c.setSavepoint();
        String caught;
        try {
            update(failing);
            caught = "no error";
        } catch (SQLException e) {
            caught = e.getSQLState() + ": " + e.getMessage();
            c.rollback(sp);
        }
        update(after);
        c.releaseSavepoint(sp);
        return caught;
    }

    /** Swallows an SQL error without rolling back, then tries more SQL. */
    public static String swallowThenContinue(String failing) throws SQLException {
        try {
            update(failing);
        } catch (SQLException e) {
            // swallowed on purpose
        }
        return "next statement ran: " + scalar("SELECT 1");
    }

    /** Swallows an SQL error without rolling back and returns normally. */
    public static int swallowAndReturn(String failing) {
        try {
            update(failing);
        } catch (SQLException e) {
            // swallowed on purpose
        }
        return 1;
    }

    /** Rolls back work done after a savepoint, keeping what came before it. */
    public static long partialRollback(String table) throws SQLException {
        Connection c = connection();
        update("INSERT INTO " + table + " VALUES (100, 'kept')");
        Savepoint sp = c.setSavepoint("undo");
        update("INSERT INTO " + table + " VALUES (101, 'undone')");
        c.rollback(sp);
        return Long.parseLong(scalar("SELECT count(*) FROM " + table + " WHERE key >= 100"));
    }

    /** Leaves a savepoint open when returning: the runtime releases it. */
    public static int leaveSavepointOpen(String table) throws SQLException {
        connection().setSavepoint();
        return (int) update("INSERT INTO " + table + " VALUES (200, 'left open')");
    }

    public static String commitFromJava() {
        try {
            connection().commit();
            return "committed";
        } catch (SQLException e) {
            return e.getSQLState() + ": " + e.getMessage();
        }
    }
}
