// Wrappers.java — java.sql.Wrapper's unwrap for objects that wrap nothing.
package org.jcitus.pljvm.jdbc;

import java.sql.SQLException;

/** The driver's objects wrap no other object: each unwraps only to its own interfaces. */
final class Wrappers {
    private Wrappers() {
    }

    /** self as iface, as {@link java.sql.Wrapper#unwrap} requires, or an SQLException. */
    static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException(self.getClass().getSimpleName() + " is not a wrapper for "
                + iface.getName());
    }
}
