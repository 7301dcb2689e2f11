/*
 * InsertSelectPushdown.java — INSERT .. SELECT between colocated tables: the whole statement runs on each shard group.
 */
package org.jcitus.planner;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.pljvm.QueryPlanning;
import org.jcitus.pljvm.QueryPlanning.Features;

/**
 * When every row the SELECT gives belongs to the shard group it was read from, the
 * statement runs as it is on each shard group, the table names replaced by the group's
 * shards, nodes in parallel, and no row passes through the coordinator (what Citus calls
 * INSERT .. SELECT pushdown). That holds when the target's distribution column is, as
 * it is, the distribution column of a distributed table the SELECT reads, every
 * distributed table it reads is colocated with the target and joined to that one on
 * their distribution columns (inner joins; reference tables may join too), and the
 * SELECT neither combines rows of several shards (it groups by that column if it
 * aggregates; no LIMIT, DISTINCT, window functions, set operations, subqueries or CTEs)
 * nor calls volatile functions (a serial column's nextval would run on a node without
 * the sequence).
 */
final class InsertSelectPushdown extends MultiShardPlan {
    /** What keeps a SELECT's rows from belonging to the shard they were read from. */
    private static final int ACROSS_SHARDS = Features.LIMIT | Features.DISTINCT | Features.WINDOW_FUNCTIONS
            | Features.SET_OPERATIONS | Features.SUBLINKS | Features.CTES | Features.LOCKING
            | Features.SET_RETURNING_FUNCTIONS | Features.OTHER_FROM_ITEMS | Features.UNREGISTERED_RELATIONS;

    private InsertSelectPushdown(QueryAnalysis analysis, String[] parameterTypeNames, int[] distributed) {
        super(analysis, parameterTypeNames, distributed, true);
    }

    /**
     * The pushed-down plan of an INSERT .. SELECT into a distributed table, or null when its
     * rows may belong to other shards than the ones they come from.
     */
    static InsertSelectPushdown of(QueryAnalysis a, String[] parameterTypeNames, int features,
                                   InsertSelectPlan.Source parts) throws SQLException {
        int selectFeatures = features >>> Features.SOURCE_SHIFT;
        if ((selectFeatures & ACROSS_SHARDS) != 0
                || (features & (Features.CTES | Features.VOLATILE_WRITE | Features.UNREGISTERED_RELATIONS)) != 0) {
            return null;
        }
        CitusTable into = a.references.get(a.target).table();
        long[] columns = QueryPlanning.insertSourceColumns();
        int key = parts.wholeColumns(a.q) ? parts.column(a.q, into.distributionColumn()) : -1;
        if (columns == null || key < 0 || 3 * key + 2 >= columns.length
                || ((selectFeatures & (Features.AGGREGATES | Features.GROUPING)) != 0 && columns[3 * key + 2] == 0)) {
            return null;
        }
        // the distributed table the target's distribution column comes from, and the others
        // the SELECT reads: all colocated with the target and joined on it
        List<Integer> read = new ArrayList<>();
        int source = -1;
        for (int i = 0; i < a.references.size(); i++) {
            CitusTable t = a.references.get(i).table();
            if (i == a.target || t.reference()) {
                continue;
            }
            if (!colocated(into, t)) {
                return null;
            }
            read.add(i);
            if (t.relationId() == columns[3 * key] && attributeNumber(t) == columns[3 * key + 1]) {
                source = source == -1 ? i : -2;     // the same table twice: which one is not known
            }
        }
        if (source < 0) {
            return null;
        }
        int[] distributed = new int[read.size() + 1];
        distributed[0] = a.target;
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) != source && !a.joinedOnDistributionColumns(source, read.get(i))) {
                return null;
            }
            distributed[i + 1] = read.get(i);
        }
        return new InsertSelectPushdown(a, parameterTypeNames, distributed);
    }

    private static long attributeNumber(CitusTable table) throws SQLException {
        Object n = LocalSql.value("SELECT attnum::bigint FROM pg_catalog.pg_attribute WHERE attrelid = ?::oid"
                + " AND attname = ?", table.relationId(), table.distributionColumn());
        return n == null ? -1 : ((Number) n).longValue();
    }

    /** Same colocation group: the same hash ranges on the same nodes, shard by shard. */
    private static boolean colocated(CitusTable a, CitusTable b) throws SQLException {
        if (a.relationId() == b.relationId()) {
            return true;
        }
        return Boolean.TRUE.equals(LocalSql.value("SELECT count(DISTINCT colocationid) = 1 AND min(colocationid) <> 0"
                + " FROM pg_catalog.pg_dist_partition WHERE logicalrelid IN (?::oid, ?::oid)",
                a.relationId(), b.relationId())) && a.shards().size() == b.shards().size();
    }

    @Override
    String kind() {
        return "Citus INSERT ... SELECT pushed down to each shard group";
    }
}
