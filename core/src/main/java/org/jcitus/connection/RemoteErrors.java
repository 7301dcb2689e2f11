/*
 * RemoteErrors.java — the errors jcitus raises when another node cannot be reached or fails.
 */
package org.jcitus.connection;

import java.sql.SQLException;

import org.jcitus.pljvm.SqlError;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * Errors that name the node. An error the remote server raised (a constraint, a missing
 * table) is passed on unchanged, as Citus does; a failure to reach the node or a lost
 * connection becomes an 08xxx error that says which node.
 */
public final class RemoteErrors {
    private RemoteErrors() {
    }

    /** Connecting failed. */
    public static SqlError connectionFailed(NodeAddress node, SQLException cause) {
        return new SqlError("08001", "connection to the remote node " + node
                + " failed with the following error: " + describe(cause), cause);
    }

    /**
     * A statement on the node failed: a remote server error passes through as it is; a
     * broken connection is reported as lost, naming the node.
     */
    public static SQLException statementFailed(NodeAddress node, SQLException cause) {
        if (isConnectionFailure(cause)) {
            return new SqlError("08006", "connection to the remote node " + node
                    + " was lost: " + describe(cause), cause);
        }
        return cause;
    }

    /**
     * The server ended the session before running the statement (a shutdown, a terminated
     * backend): nothing ran, so the statement may be sent again on a new connection. Also
     * seen through the error that {@link #statementFailed} made of it.
     */
    public static boolean isSessionEnded(SQLException e) {
        SQLException server = e.getCause() instanceof SQLException cause ? cause : e;
        String state = server.getSQLState();
        return state != null && state.startsWith("57P");
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        if (state != null && state.startsWith("57P")) {
            return true;
        }
        if (e instanceof PSQLException && ((PSQLException) e).getServerErrorMessage() != null) {
            return false;
        }
        return state == null || state.startsWith("08")
                || PSQLState.CONNECTION_FAILURE.getState().equals(state);
    }

    private static String describe(SQLException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
