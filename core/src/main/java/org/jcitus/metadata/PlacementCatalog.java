/*
 * PlacementCatalog.java — questions about shard placements that node management asks.
 */
package org.jcitus.metadata;

import java.sql.SQLException;
import java.util.List;

/** pg_dist_placement, as far as node management needs it. */
public final class PlacementCatalog {
    private PlacementCatalog() {
    }

    /** A shard whose only active placement is in a group, with its table as schema.table. */
    public record SolePlacement(long shardId, String table) {
    }

    /**
     * The first shard (by id) that has no active placement outside this group: a
     * placement is active only if its node is an active primary (seed: "we re-define the
     * meaning of active shard placement"). Null when the group can go.
     */
    public static SolePlacement solePlacementInGroup(int groupId) throws SQLException {
        List<Object[]> rows = LocalSql.rows(
                "SELECT p.shardid, format('%I.%I', n.nspname, c.relname)"
                + " FROM pg_catalog.pg_dist_placement p"
                + " JOIN pg_catalog.pg_dist_shard s ON s.shardid = p.shardid"
                + " JOIN pg_catalog.pg_class c ON c.oid = s.logicalrelid"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE p.groupid = ? AND NOT EXISTS ("
                + "   SELECT 1 FROM pg_catalog.pg_dist_placement o"
                + "   JOIN pg_catalog.pg_dist_node w ON w.groupid = o.groupid"
                + "   WHERE o.shardid = p.shardid AND o.groupid <> ? AND o.shardstate = 1"
                + "     AND w.isactive AND w.noderole = 'primary')"
                + " ORDER BY p.shardid LIMIT 1", groupId, groupId);
        if (rows.isEmpty()) {
            return null;
        }
        return new SolePlacement(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1]);
    }

    /** Forgets a removed group: its placements (all of them copies held elsewhere too) and 2PC records. */
    public static void forgetGroup(int groupId) throws SQLException {
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_placement WHERE groupid = ?", groupId);
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_transaction WHERE groupid = ?", groupId);
        MetadataCache.invalidateEverywhere();
    }
}
