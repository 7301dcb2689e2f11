// SpiSavepoint.java — a savepoint of jdbc:default:connection: an internal subtransaction.
package org.jcitus.pljvm.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.pljvm.Backend;

/**
 * A savepoint opened through {@link org.jcitus.pljvm.Backend#setSavepoint}, known to the
 * backend by its subtransaction nesting level.
 *
 * <p>Levels are reused: once a savepoint ends, the next one opened at its depth gets the
 * same level. So that a stale Savepoint object can never release or roll back the newer
 * savepoint that took its level, every savepoint opened through this class is tracked
 * here, and one that has ended (by its own release or rollback, or by that of an outer
 * savepoint, or because a newer savepoint took its level) is refused.
 */
final class SpiSavepoint implements Savepoint {
    /** SQLSTATE invalid_savepoint_specification */
    private static final String INVALID_SAVEPOINT = "3B001";

    /** the savepoints not known to have ended, outermost first; all connections share the backend's */
    private static final List<SpiSavepoint> OPEN = new ArrayList<>();

    private final int level;
    private final String name;

    private SpiSavepoint(int level, String name) {
        this.level = level;
        this.name = name;
    }

    /** Opens a savepoint; name is null for an unnamed one. */
    static SpiSavepoint open(String name) throws SQLException {
        SpiSavepoint savepoint = new SpiSavepoint(Backend.setSavepoint(), name);
        synchronized (OPEN) {
            forgetFrom(savepoint.level);
            OPEN.add(savepoint);
        }
        return savepoint;
    }

    /** Releases this savepoint and those opened after it. */
    void release() throws SQLException {
        checkOpen();
        Backend.releaseSavepoint(level);
        synchronized (OPEN) {
            forgetFrom(level);
        }
    }

    /** Rolls back to this savepoint, which stays open; those opened after it end. */
    void rollback() throws SQLException {
        checkOpen();
        Backend.rollbackSavepoint(level);
        synchronized (OPEN) {
            forgetFrom(level + 1);
        }
    }

    private void checkOpen() throws SQLException {
        synchronized (OPEN) {
            for (SpiSavepoint s : OPEN) {
                if (s == this) {
                    return;
                }
            }
        }
        throw new SQLException("the savepoint is no longer open", INVALID_SAVEPOINT);
    }

    private static void forgetFrom(int level) {
        OPEN.removeIf(s -> s.level >= level);
    }

    /** The nesting level of an unnamed savepoint; JDBC gives named ones no id. */
    @Override
    public int getSavepointId() throws SQLException {
        if (name != null) {
            throw new SQLException("a named savepoint has no id", "42809");
        }
        return level;
    }

    /** The name of a named savepoint; JDBC gives unnamed ones no name. */
    @Override
    public String getSavepointName() throws SQLException {
        if (name == null) {
            throw new SQLException("an unnamed savepoint has no name", "42809");
        }
        return name;
    }

    @Override
    public String toString() {
        return name == null ? "savepoint at level " + level : "savepoint " + name;
    }
}
