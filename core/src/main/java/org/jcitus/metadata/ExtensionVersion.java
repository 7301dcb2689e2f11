/*
 * ExtensionVersion.java — the jcitus version this code is, and the check that the installed SQL matches it.
 */
package org.jcitus.metadata;

import java.sql.SQLException;

import org.jcitus.pljvm.SqlError;

/**
 * Every UDF checks first that the extension's SQL objects are the version this Java code
 * was written for, before it reads its arguments (seed: CheckCitusVersion moved to the top
 * of every function): after an upgrade of the jars without ALTER EXTENSION, the declared
 * arguments may no longer be what the code expects.
 */
public final class ExtensionVersion {
    /** The version of the jcitus extension this code serves (its default_version). */
    public static final String CURRENT = "0.1";

    private static boolean checked;

    private ExtensionVersion() {
    }

    public static void check() throws SQLException {
        if (checked) {
            return;
        }
        String installed = (String) LocalSql.value(
                "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'jcitus'");
        if (!CURRENT.equals(installed)) {
            throw new SqlError("55000", "loaded jcitus library version differs from installed extension version")
                    .withDetail("Loaded library requires " + CURRENT + ", but installed extension version is "
                            + installed + ".")
                    .withHint("Run ALTER EXTENSION jcitus UPDATE and try again.");
        }
        checked = true;
    }
}
