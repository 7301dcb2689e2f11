/*
 * SqlError.java — an error Java code raises the way PostgreSQL raises one: SQLSTATE, message, detail, hint.
 */
package org.jcitus.pljvm;

import java.sql.SQLException;

/**
 * An SQL error with PostgreSQL's parts. Thrown out of a pljvm function, it reaches the
 * client as an ERROR with exactly this SQLSTATE, message, DETAIL, HINT and CONTEXT.
 *
 * <pre>throw new SqlError("22023", "invalid node role \"x\"").withHint("Use primary or secondary.");</pre>
 */
public class SqlError extends SQLException {
    private static final long serialVersionUID = 1L;

    private String detail;
    private String hint;
    private String context;

    /** An error with an SQLSTATE (five characters, e.g. "22023") and a message. */
    public SqlError(String sqlState, String message) {
        super(message, sqlState);
    }

    /** The same, with the exception that caused it. */
    public SqlError(String sqlState, String message, Throwable cause) {
        super(message, sqlState, cause);
    }

    /** Adds a DETAIL: the facts behind the error, as a full sentence. */
    public SqlError withDetail(String detail) {
        this.detail = detail;
        return this;
    }

    /** Adds a HINT: what the user can do, as a full sentence. */
    public SqlError withHint(String hint) {
        this.hint = hint;
        return this;
    }

    /** Adds a CONTEXT line: where the error happened (a COPY's input line), before PostgreSQL's own. */
    public SqlError withContext(String context) {
        this.context = context;
        return this;
    }

    /** The CONTEXT, or null. */
    public String getContext() {
        return context;
    }

    /** The DETAIL, or null. */
    public String getDetail() {
        return detail;
    }

    /** The HINT, or null. */
    public String getHint() {
        return hint;
    }
}
