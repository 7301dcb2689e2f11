/*
 * DropHook.java — the sql_drop event trigger: a dropped Citus table takes its shards along.
 */
package org.jcitus.hooks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.metadata.LocalSql;
import org.jcitus.pljvm.EventTriggerData;
import org.jcitus.tables.TableRemoval;
import org.jcitus.tables.TableRemoval.DroppedTable;

/** Named by citus_drop_trigger() in sql/jcitus/udfs/citus_drop_trigger.sql. */
public final class DropHook {
    private DropHook() {
    }

    public static void onSqlDrop(EventTriggerData trigger) throws SQLException {
        List<DroppedTable> tables = new ArrayList<>();
        for (Object[] r : LocalSql.rows("SELECT objid::bigint, schema_name, object_name"
                + " FROM pg_catalog.pg_event_trigger_dropped_objects()"
                + " WHERE object_type = 'table' AND objid IN"
                + "   (SELECT logicalrelid::oid FROM pg_catalog.pg_dist_partition)")) {
            tables.add(new DroppedTable(((Number) r[0]).longValue(), (String) r[1], (String) r[2]));
        }
        if (!tables.isEmpty()) {
            TableRemoval.dropped(tables);
        }
    }
}
