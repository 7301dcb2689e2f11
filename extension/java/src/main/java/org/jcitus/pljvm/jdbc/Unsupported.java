// Unsupported.java — the one exception for JDBC features jdbc:default:connection lacks.
package org.jcitus.pljvm.jdbc;

import java.sql.SQLFeatureNotSupportedException;

/** Builds the exception every unsupported JDBC method throws, so their messages agree. */
final class Unsupported {
    /** SQLSTATE feature_not_supported, as PostgreSQL uses it */
    static final String FEATURE_NOT_SUPPORTED = "0A000";

    private Unsupported() {
    }

    /** The exception for a method this driver does not implement, named in the message. */
    static SQLFeatureNotSupportedException method(String name) {
        return new SQLFeatureNotSupportedException(
                name + " is not supported by " + SpiDriver.URL, FEATURE_NOT_SUPPORTED);
    }
}
