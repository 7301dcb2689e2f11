/*
 * ErrorReport.java — how a Java exception is told to PostgreSQL.
 */
package org.jcitus.pljvm;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns an exception that escaped Java into the parts of a PostgreSQL error. An SQL error
 * (a {@link SqlError}, or an SQLException with a valid SQLSTATE, including one from
 * another server through pgjdbc) keeps its SQLSTATE, message, detail and hint; a full heap
 * is PostgreSQL's out_of_memory (53200); any other exception becomes an internal error
 * (XX000) whose message names the exception's class.
 */
final class ErrorReport {
    private static final String INTERNAL_ERROR = "XX000";
    private static final String OUT_OF_MEMORY = "53200";

    private ErrorReport() {
    }

    /**
     * {SQLSTATE, message, detail, hint, stack trace, context}; entries other than the first
     * two may be null. Another server's error keeps its CONTEXT (what its functions were
     * doing), as Citus passes it on.
     */
    static String[] describe(Throwable thrown) {
        Throwable t = thrown instanceof QueryPlanning.RowsFailed ? thrown.getCause() : thrown;
        String state = INTERNAL_ERROR;
        String message = t.toString();
        String detail = null;
        String hint = null;
        String context = null;
        if (t instanceof SqlError && isSqlState(((SqlError) t).getSQLState())) {
            SqlError e = (SqlError) t;
            state = e.getSQLState();
            message = e.getMessage();
            detail = e.getDetail();
            hint = e.getHint();
            context = e.getContext();
        } else if (t instanceof SQLException && isSqlState(((SQLException) t).getSQLState())) {
            state = ((SQLException) t).getSQLState();
            message = t.getMessage();
            ServerErrorMessage remote = t instanceof PSQLException
                    ? ((PSQLException) t).getServerErrorMessage() : null;
            if (remote != null) {
                message = remote.getMessage();
                detail = remote.getDetail();
                hint = remote.getHint();
                context = remote.getWhere();
            }
        }
        if (rootCause(t) instanceof OutOfMemoryError) {
            state = OUT_OF_MEMORY;
            message = "out of memory in the backend's JVM";
            detail = rootCause(t) + ".";
            hint = "A value or a result too large for the JVM's heap (its -Xmx in pljvm.vmoptions) cannot pass"
                    + " through Java.";
        }
        // an SqlError says what it means to; of other exceptions the root cause tells most
        if (detail == null && !(t instanceof SqlError) && t.getCause() != null && t.getCause() != t) {
            detail = "Caused by: " + rootCause(t) + ".";
        }
        return new String[] {state, message, detail, hint, stackTrace(t), context};
    }

    private static boolean isSqlState(String state) {
        return state != null && state.matches("[0-9A-Z]{5}");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
