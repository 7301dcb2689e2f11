/*
 * Errors.java — functions that throw, to show how Java exceptions reach the client.
 */
package org.jcitus.regress;

import java.sql.SQLException;

public final class Errors {
    private Errors() {
    }

    public static int illegalState(String message) {
        throw new IllegalStateException(message);
    }

    public static int withSqlState(String state, String message) throws SQLException {
        throw new SQLException(message, state);
    }

    public static int wrapped(String message) {
        throw new RuntimeException("outer", new IllegalArgumentException(message));
    }
}
