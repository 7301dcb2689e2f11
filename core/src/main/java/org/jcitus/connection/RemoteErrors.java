/*
 * RemoteErrors.java — the errors jcitus raises when another node cannot be reached or fails.
 */
package org.jcitus.connection;

import java.sql.SQLException;

import org.jcitus.pljvm.SqlError;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/**
 * Errors that name the node. An error the remote server raised (a constraint, a missing
 * table) keeps its SQLSTATE, message, detail, hint and CONTEXT, and gains a last CONTEXT
 * line naming the node, as Citus reports it; a failure to reach the node or a lost
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
     * A statement on the node failed: the node's own error, naming the node in its CONTEXT
     * (see {@link #raisedOn}); a broken connection is reported as lost, naming the node.
     */
    public static SQLException statementFailed(NodeAddress node, SQLException cause) {
        return isConnectionFailure(cause) ? connectionLost(node, cause) : raisedOn(node, cause);
    }

    /**
     * A COPY's chunk failed on the node: a broken connection is reported as lost, naming
     * the node; the node's own error passes as it is, for its CONTEXT names the input's
     * line (as a COPY into one server says, and Citus says no more).
     */
    public static SQLException copyFailed(NodeAddress node, SQLException cause) {
        return isConnectionFailure(cause) ? connectionLost(node, cause) : cause;
    }

    /**
     * An error the node raised, as Citus reports it: the node's SQLSTATE, message, detail
     * and hint, and its CONTEXT followed by "while executing command on host:port". Any
     * other exception (one this node raised about the statement) as it is.
     */
    public static SQLException raisedOn(NodeAddress node, SQLException cause) {
        ServerErrorMessage m = serverMessage(cause);
        if (m == null || cause.getSQLState() == null) {
            return cause;
        }
        String where = m.getWhere();
        return new SqlError(cause.getSQLState(), m.getMessage(), cause)
                .withDetail(m.getDetail())
                .withHint(m.getHint())
                .withContext((where != null ? where + "\n" : "") + "while executing command on " + node);
    }

    /** The node raised the error (it answered with one), rather than failing to answer. */
    public static boolean isRaisedByNode(SQLException e) {
        return !isConnectionFailure(e) && serverMessage(e) != null;
    }

    /** The node's message without pgjdbc's additions (severity, detail), if it raised the error. */
    static String nodeMessage(SQLException e) {
        ServerErrorMessage m = serverMessage(e);
        return m != null && m.getMessage() != null ? m.getMessage() : describe(e);
    }

    /** The node's DETAIL, if it raised the error with one. */
    static String nodeDetail(SQLException e) {
        ServerErrorMessage m = serverMessage(e);
        return m != null ? m.getDetail() : null;
    }

    private static SqlError connectionLost(NodeAddress node, SQLException cause) {
        return new SqlError("08006", "connection to the remote node " + node + " was lost: " + describe(cause), cause);
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
        if (serverMessage(e) != null) {
            return false;
        }
        return state == null || state.startsWith("08")
                || PSQLState.CONNECTION_FAILURE.getState().equals(state);
    }

    /** What the node said, if the error is one it sent. */
    private static ServerErrorMessage serverMessage(SQLException e) {
        return e instanceof PSQLException p ? p.getServerErrorMessage() : null;
    }

    private static String describe(SQLException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
