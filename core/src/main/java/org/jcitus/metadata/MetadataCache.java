/*
 * MetadataCache.java — the session's copy of what the planner reads per query: Citus tables, their shards and nodes.
 */
package org.jcitus.metadata;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.SqlError;
import org.jcitus.sharding.ShardRanges;

/**
 * Reading pg_dist_* per query would cost more than routing it, so a session keeps what
 * it read until the planner's registry is refreshed: the planner bridge does that after
 * any relcache invalidation, which every change of a Citus table causes (distributing,
 * undistributing and dropping touch the table itself), and node changes cause on purpose
 * (see {@link #invalidateEverywhere}).
 */
public final class MetadataCache {
    private static final Map<Long, CitusTable> TABLES = new HashMap<>();
    private static Integer localGroup;

    private MetadataCache() {
    }

    /** A shard and the nodes of its placements (active primaries), in group order. */
    public record ShardPlacements(long shardId, int index, String qualifiedName, int minValue, int maxValue,
                                  List<WorkerNode> nodes) {
    }

    /**
     * A distributed or reference table as the router needs it. The name is the table's own
     * (unquoted), as a query names it; shards are in hash range order. evenlySplit says the
     * ranges are the ones {@link ShardRanges} computes for this many shards (as Citus makes
     * them), so that a hash finds its shard by arithmetic.
     */
    public record CitusTable(long relationId, String schema, String name, boolean reference,
                             String distributionColumn, int distributionColumnType, List<ShardPlacements> shards,
                             boolean evenlySplit) {
        /**
         * The shard whose hash range holds the hash: computed when the ranges are split
         * evenly (a COPY asks once per row), otherwise a binary search.
         */
        public ShardPlacements shardForHash(int hash) {
            if (evenlySplit) {
                return shards.get(ShardRanges.indexOf(hash, shards.size()));
            }
            int low = 0;
            int high = shards.size() - 1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                ShardPlacements s = shards.get(middle);
                if (hash < s.minValue()) {
                    high = middle - 1;
                } else if (hash > s.maxValue()) {
                    low = middle + 1;
                } else {
                    return s;
                }
            }
            return null;
        }
    }

    /** The table, or null if it is not (or no longer) a Citus table. */
    public static CitusTable table(long relationId) throws SQLException {
        CitusTable table = TABLES.get(relationId);
        if (table == null && !TABLES.containsKey(relationId)) {
            table = load(relationId);
            TABLES.put(relationId, table);
        }
        return table;
    }

    /** This node's group (0 on the coordinator). */
    public static int localGroup() throws SQLException {
        if (localGroup == null) {
            localGroup = NodeCatalog.localGroupId();
        }
        return localGroup;
    }

    /** Forgets everything; the next query reads the catalogs again. */
    public static void clear() {
        TABLES.clear();
        localGroup = null;
    }

    /**
     * Makes every session on this node read the metadata again before its next query:
     * a relcache invalidation of pg_dist_node, which the planner bridge hears. For changes
     * that touch no table (a node disabled, moved or removed).
     */
    public static void invalidateEverywhere() throws SQLException {
        QueryPlanning.invalidate(((Number) LocalSql.value("SELECT 'pg_catalog.pg_dist_node'::regclass::oid")).longValue());
    }

    private static CitusTable load(long relationId) throws SQLException {
        TableCatalog.DistributedTable t = TableCatalog.find(relationId);
        if (t == null) {
            return null;
        }
        Map<Integer, WorkerNode> nodeOfGroup = new HashMap<>();
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isPrimary() && n.isActive()) {
                nodeOfGroup.put(n.groupId(), n);
            }
        }
        // one round for all shards: a session's first query on a table waits for this
        List<Object[]> rows = LocalSql.rows("SELECT n.nspname::text, c.relname::text, s.shardid,"
                + " s.shardminvalue::int, s.shardmaxvalue::int, format('%I.%I', n.nspname, c.relname || '_' || s.shardid),"
                + " array_agg(p.groupid ORDER BY p.groupid)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " JOIN pg_catalog.pg_dist_shard s ON s.logicalrelid = c.oid"
                + " JOIN pg_catalog.pg_dist_placement p ON p.shardid = s.shardid"
                + " WHERE c.oid = ?::oid GROUP BY 1, 2, 3, 4, 5, 6"
                + " ORDER BY s.shardminvalue::int NULLS FIRST, s.shardid", relationId);
        List<ShardPlacements> shards = new ArrayList<>();
        for (Object[] r : rows) {
            long shardId = ((Number) r[2]).longValue();
            List<WorkerNode> nodes = new ArrayList<>();
            for (Object group : (Object[]) r[6]) {
                WorkerNode node = nodeOfGroup.get(((Number) group).intValue());
                if (node != null) {
                    nodes.add(node);
                }
            }
            if (nodes.isEmpty()) {
                throw new SqlError("55000", "shard " + shardId + " of table \"" + r[1]
                        + "\" has no placement on an active node")
                        .withHint("Activate a node that holds it with citus_activate_node.");
            }
            shards.add(new ShardPlacements(shardId, shards.size(), (String) r[5],
                    r[3] == null ? Integer.MIN_VALUE : ((Number) r[3]).intValue(),
                    r[4] == null ? Integer.MAX_VALUE : ((Number) r[4]).intValue(), List.copyOf(nodes)));
        }
        if (shards.isEmpty()) {
            return null;
        }
        return new CitusTable(relationId, (String) rows.get(0)[0], (String) rows.get(0)[1], t.isReference(),
                t.distributionColumn(), t.distributionColumnType(), List.copyOf(shards), evenlySplit(shards));
    }

    static boolean evenlySplit(List<ShardPlacements> shards) {
        for (ShardPlacements s : shards) {
            if (s.minValue() != ShardRanges.minValue(s.index(), shards.size())
                    || s.maxValue() != ShardRanges.maxValue(s.index(), shards.size())) {
                return false;
            }
        }
        return true;
    }
}
