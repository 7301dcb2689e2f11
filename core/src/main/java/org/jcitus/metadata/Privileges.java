/*
 * Privileges.java — who may run an operation, and where.
 */
package org.jcitus.metadata;

import java.sql.SQLException;

import org.jcitus.pljvm.SqlError;

/** The checks Citus runs before changing the cluster, with Citus's words. */
public final class Privileges {
    private Privileges() {
    }

    public static void ensureSuperuser() throws SQLException {
        if (!"on".equals(LocalSql.value("SELECT current_setting('is_superuser')"))) {
            throw new SqlError("42501", "operation is not allowed")
                    .withHint("Run the command with a superuser.");
        }
    }

    public static void ensureCoordinator() throws SQLException {
        if (NodeCatalog.localGroupId() != WorkerNode.COORDINATOR_GROUP) {
            throw new SqlError("55000", "operation is not allowed on this node")
                    .withHint("Connect to the coordinator and run it again.");
        }
    }
}
