/*
 * TruncateHook.java — the truncate trigger of Citus tables: TRUNCATE reaches the shards.
 */
package org.jcitus.hooks;

import java.sql.SQLException;

import org.jcitus.pljvm.TriggerData;
import org.jcitus.tables.TableTruncation;

/** Named by citus_truncate_trigger() in sql/jcitus/udfs/citus_truncate_trigger.sql. */
public final class TruncateHook {
    private TruncateHook() {
    }

    public static void onTruncate(TriggerData trigger) throws SQLException {
        TableTruncation.truncated(trigger.relationId(), trigger.schema(), trigger.table());
    }
}
