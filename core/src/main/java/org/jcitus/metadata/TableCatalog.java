/*
 * TableCatalog.java — distributed tables, their shards and placements: pg_dist_partition, _shard, _placement, _colocation.
 */
package org.jcitus.metadata;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The table metadata on this node, in the caller's transaction. */
public final class TableCatalog {
    /** pg_dist_partition.partmethod of hash-distributed and of reference tables. */
    public static final String HASH = "h";
    public static final String NONE = "n";

    private TableCatalog() {
    }

    /** A row of pg_dist_partition, with the distribution column resolved (null for reference tables). */
    public record DistributedTable(long relationId, String method, String distributionColumn,
                                   int distributionColumnType, int colocationId) {
        public boolean isReference() {
            return NONE.equals(method);
        }
    }

    /** A shard, with the group of each of its placements. */
    public record Shard(long shardId, int index, Integer minValue, Integer maxValue, List<Integer> groups) {
    }

    /** The table's row in pg_dist_partition, or null if it is not a Citus table. */
    public static DistributedTable find(long relationId) throws SQLException {
        List<Object[]> rows = LocalSql.rows(
                "SELECT p.partmethod::text, a.attname::text, a.atttypid::int, p.colocationid"
                + " FROM pg_catalog.pg_dist_partition p"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = p.logicalrelid"
                + "  AND a.attnum = substring(p.partkey from ':varattno ([0-9]+)')::int"
                + " WHERE p.logicalrelid = ?::oid", relationId);
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new DistributedTable(relationId, (String) r[0], (String) r[1],
                r[2] == null ? 0 : ((Number) r[2]).intValue(), ((Number) r[3]).intValue());
    }

    /** The shards of a table in index order, with their placements' groups. */
    public static List<Shard> shards(long relationId) throws SQLException {
        List<Shard> shards = new ArrayList<>();
        for (Object[] r : LocalSql.rows(
                "SELECT s.shardid, s.shardminvalue::int, s.shardmaxvalue::int,"
                + " array_agg(p.groupid ORDER BY p.groupid)"
                + " FROM pg_catalog.pg_dist_shard s"
                + " JOIN pg_catalog.pg_dist_placement p ON p.shardid = s.shardid"
                + " WHERE s.logicalrelid = ?::oid"
                + " GROUP BY s.shardid, s.shardminvalue, s.shardmaxvalue"
                + " ORDER BY s.shardminvalue::int NULLS FIRST, s.shardid", relationId)) {
            List<Integer> groups = new ArrayList<>();
            for (Object g : (Object[]) r[3]) {
                groups.add(((Number) g).intValue());
            }
            shards.add(new Shard(((Number) r[0]).longValue(), shards.size(),
                    r[1] == null ? null : ((Number) r[1]).intValue(),
                    r[2] == null ? null : ((Number) r[2]).intValue(), groups));
        }
        return shards;
    }

    /**
     * A shard's table, schema-qualified and quoted: schema.table_shardid. Given the names
     * rather than the table's OID, so that it also serves a table already dropped.
     */
    public static String qualifiedShardName(String schema, String table, long shardId) throws SQLException {
        return (String) LocalSql.value("SELECT format('%I.%I', ?::text, ?::text || '_' || ?::text)",
                schema, table, Long.toString(shardId));
    }

    /** The same for a table that exists, by its OID. */
    public static String qualifiedShardName(long relationId, long shardId) throws SQLException {
        return (String) LocalSql.value("SELECT format('%I.%I', n.nspname, c.relname || '_' || ?::text)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = ?::oid", Long.toString(shardId), relationId);
    }

    /** The next n shard ids, in one round. */
    public static long[] nextShardIds(int n) throws SQLException {
        List<Object[]> rows = LocalSql.rows("SELECT nextval('pg_catalog.pg_dist_shardid_seq')"
                + " FROM generate_series(1, ?)", n);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = ((Number) rows.get(i)[0]).longValue();
        }
        return ids;
    }

    /**
     * Records a table as distributed. The distribution column is stored as Citus stores it:
     * the text of a PostgreSQL Var node (PostgreSQL 15's format).
     */
    public static void insertTable(long relationId, String method, int attnum, int typeOid, int typmod,
                                   int collation, int colocationId, String replicationModel)
            throws SQLException {
        String partkey = attnum == 0 ? null : "{VAR :varno 1 :varattno " + attnum + " :vartype " + typeOid
                + " :vartypmod " + typmod + " :varcollid " + collation + " :varlevelsup 0 :varnosyn 1"
                + " :varattnosyn " + attnum + " :location -1}";
        LocalSql.update("INSERT INTO pg_catalog.pg_dist_partition"
                + " (logicalrelid, partmethod, partkey, colocationid, repmodel, autoconverted)"
                + " VALUES (?::oid, ?::\"char\", ?, ?, ?::\"char\", false)",
                relationId, method, partkey, colocationId, replicationModel);
    }

    /** Records shards, one statement for all: minimum and maximum null for an unsplit shard. */
    public static void insertShards(long relationId, long[] shardIds, Integer[] minValues, Integer[] maxValues)
            throws SQLException {
        String[] mins = new String[shardIds.length];
        String[] maxs = new String[shardIds.length];
        Long[] ids = new Long[shardIds.length];
        for (int i = 0; i < shardIds.length; i++) {
            ids[i] = shardIds[i];
            mins[i] = minValues[i] == null ? null : minValues[i].toString();
            maxs[i] = maxValues[i] == null ? null : maxValues[i].toString();
        }
        LocalSql.update("INSERT INTO pg_catalog.pg_dist_shard"
                + " (logicalrelid, shardid, shardstorage, shardminvalue, shardmaxvalue)"
                + " SELECT ?::oid, s.id, 't', s.min, s.max FROM unnest(?::bigint[], ?::text[], ?::text[]) AS s(id, min, max)",
                relationId, ids, mins, maxs);
    }

    /** Records placements (shard i on group i), one statement for all. */
    public static void insertPlacements(Long[] shardIds, Integer[] groups) throws SQLException {
        LocalSql.update("INSERT INTO pg_catalog.pg_dist_placement (shardid, shardstate, shardlength, groupid)"
                + " SELECT p.shardid, 1, 0, p.groupid FROM unnest(?::bigint[], ?::int[]) AS p(shardid, groupid)",
                shardIds, groups);
        MetadataCache.invalidateEverywhere();
    }

    /** The colocation group for these properties, made if there is none yet (or always, when fresh). */
    public static int colocationGroup(int shardCount, int replicationFactor, int typeOid, int collation,
                                      boolean fresh) throws SQLException {
        // two sessions must not each make a group for the same properties
        LocalSql.update("LOCK TABLE pg_catalog.pg_dist_colocation IN EXCLUSIVE MODE");
        if (!fresh) {
            Object existing = LocalSql.value("SELECT min(colocationid) FROM pg_catalog.pg_dist_colocation"
                    + " WHERE shardcount = ? AND replicationfactor = ? AND distributioncolumntype = ?::oid"
                    + " AND distributioncolumncollation = ?::oid",
                    shardCount, replicationFactor, typeOid, collation);
            if (existing != null) {
                return ((Number) existing).intValue();
            }
        }
        int id = ((Number) LocalSql.value("SELECT nextval('pg_catalog.pg_dist_colocationid_seq')")).intValue();
        LocalSql.update("INSERT INTO pg_catalog.pg_dist_colocation VALUES (?, ?, ?, ?::oid, ?::oid)",
                id, shardCount, replicationFactor, typeOid, collation);
        return id;
    }

    /** Moves a table to another colocation group, and drops its old group if that is now empty. */
    public static void setColocation(long relationId, int colocationId) throws SQLException {
        Object old = LocalSql.value("SELECT colocationid FROM pg_catalog.pg_dist_partition WHERE logicalrelid = ?::oid",
                relationId);
        LocalSql.update("UPDATE pg_catalog.pg_dist_partition SET colocationid = ? WHERE logicalrelid = ?::oid",
                colocationId, relationId);
        deleteEmptyColocationGroup(old);
    }

    private static void deleteEmptyColocationGroup(Object colocationId) throws SQLException {
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_colocation c WHERE colocationid = ? AND NOT EXISTS"
                + " (SELECT 1 FROM pg_catalog.pg_dist_partition p WHERE p.colocationid = c.colocationid)",
                colocationId);
    }

    /** Forgets a table: its placements, shards and distribution, and its colocation group once empty. */
    public static void deleteTable(long relationId) throws SQLException {
        Object colocationId = LocalSql.value("SELECT colocationid FROM pg_catalog.pg_dist_partition"
                + " WHERE logicalrelid = ?::oid", relationId);
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_placement WHERE shardid IN"
                + " (SELECT shardid FROM pg_catalog.pg_dist_shard WHERE logicalrelid = ?::oid)", relationId);
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_shard WHERE logicalrelid = ?::oid", relationId);
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_partition WHERE logicalrelid = ?::oid", relationId);
        deleteEmptyColocationGroup(colocationId);
    }

    /** A table of the colocation group, whose shards a new member lines up with; or 0. */
    public static long memberOfColocationGroup(int colocationId) throws SQLException {
        Object relation = LocalSql.value("SELECT min(logicalrelid::oid)::bigint FROM pg_catalog.pg_dist_partition"
                + " WHERE colocationid = ?", colocationId);
        return relation == null ? 0 : ((Number) relation).longValue();
    }
}
