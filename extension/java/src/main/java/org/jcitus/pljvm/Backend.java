/*
 * Backend.java — the natives through which Java enters the PostgreSQL backend it runs in.
 */
package org.jcitus.pljvm;

import org.jcitus.pljvm.jdbc.SpiResult;

/**
 * Native entry points into the backend, registered by the runtime when the JVM starts.
 *
 * <p>Only the thread that runs the SQL call may use them; any other thread gets an
 * {@link IllegalStateException}. Errors PostgreSQL raises arrive as {@link ServerException}.
 * Application code normally uses {@code jdbc:default:connection} rather than this class.
 */
public final class Backend {
    private Backend() {
    }

    /**
     * Runs SQL through SPI in the caller's transaction.
     *
     * @param sql one statement, or several when there are no parameters
     * @param parameterTypes type OID per parameter, 0 to let PostgreSQL infer it
     * @param parameterValues text form per parameter, null for NULL; null when none
     * @param maxRows at most this many rows are returned, 0 for all
     */
    public static native SpiResult execute(String sql, int[] parameterTypes,
                                           String[] parameterValues, long maxRows)
            throws java.sql.SQLException;

    /** Opens a savepoint (an internal subtransaction) and returns its nesting level. */
    public static native int setSavepoint() throws java.sql.SQLException;

    /** Releases the savepoint at this level and every savepoint opened after it. */
    public static native void releaseSavepoint(int level) throws java.sql.SQLException;

    /** Rolls back to the savepoint at this level, which stays open. */
    public static native void rollbackSavepoint(int level) throws java.sql.SQLException;

    /**
     * The exact text of the utility statement being run (one statement of a
     * multi-statement query string), or null outside of one.
     */
    public static native String currentStatement();

    /**
     * Whether a boolean setting is on now: SET's value, a placeholder's (a setting of an
     * extension the runtime does not define) included; false when unset or not a boolean.
     */
    public static native boolean settingIsOn(String name) throws java.sql.SQLException;

    /** Sends the client a NOTICE: a message and a detail (null for none). */
    public static native void notice(String message, String detail) throws java.sql.SQLException;

    /** Blocks until a cancel or terminate signal reaches the backend (watchdog thread only). */
    static native void awaitInterrupt();

    /** Whether the backend has a cancel or terminate request it has not handled yet. */
    static native boolean interruptPending();

    /**
     * Copies lines in COPY's text format into a table of this node, within the current
     * transaction, as COPY FROM would (constraints, triggers, indexes); the rows copied.
     *
     * @param relation the table, qualified and quoted as in SQL
     * @param columns the columns the lines' fields go to, in order
     */
    public static native long copyIn(String relation, String[] columns, byte[] lines) throws java.sql.SQLException;
}
