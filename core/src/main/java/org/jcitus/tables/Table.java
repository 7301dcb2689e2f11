/*
 * Table.java — the local table being distributed: what it is, its columns, the checks Citus makes on it.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.List;

import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.pljvm.SqlError;

/** A regular local table on its way to being a Citus table, locked for the change. */
final class Table {
    private static final int MAX_NAME_FOR_SHARDS = 63 - 1 - 19;
    private final long id;
    private final String name;
    private final boolean partitioned;

    /** A column of the table, as the catalogs describe it. */
    record Column(String name, String quotedName, int attnum, int type, int typmod, int collation) {
    }

    private Table(long id, String name, boolean partitioned) {
        this.id = id;
        this.name = name;
        this.partitioned = partitioned;
    }

    long id() {
        return id;
    }

    /** As regclass prints it: schema-qualified where the search path needs it. */
    String name() {
        return name;
    }

    /** Always schema-qualified and quoted, for statements. */
    String qualifiedName() throws SQLException {
        return (String) LocalSql.value("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?::oid", id);
    }

    static String name(long relationId) throws SQLException {
        return (String) LocalSql.value("SELECT ?::oid::regclass::text", relationId);
    }

    /** A table named in text (colocate_with), resolved as regclass does. */
    static long resolve(String text) throws SQLException {
        return ((Number) LocalSql.value("SELECT ?::regclass::oid::bigint", text)).longValue();
    }

    /**
     * Locks the table against writes (as Citus's ExclusiveLock does) and checks that it
     * can be distributed: a permanent, regular table, not distributed already.
     */
    static Table lockForDistribution(long relationId) throws SQLException {
        return lock(relationId, false);
    }

    /** The same for a partition of a table being distributed, which is distributed with it. */
    static Table lockPartition(long relationId) throws SQLException {
        return lock(relationId, true);
    }

    private static Table lock(long relationId, boolean asPartition) throws SQLException {
        List<Object[]> rows = LocalSql.rows("SELECT c.relkind::text, c.relpersistence::text, c.oid::regclass::text,"
                + " c.relispartition, (SELECT i.inhparent::regclass::text FROM pg_catalog.pg_inherits i"
                + "   WHERE i.inhrelid = c.oid LIMIT 1)"
                + " FROM pg_catalog.pg_class c WHERE c.oid = ?::oid", relationId);
        if (rows.isEmpty()) {
            throw new SqlError("42P01", "relation with OID " + relationId + " does not exist");
        }
        Object[] r = rows.get(0);
        String kind = (String) r[0];
        String name = (String) r[2];
        Table table = new Table(relationId, name, "p".equals(kind));
        if (!"r".equals(kind) && !"p".equals(kind)) {
            throw new SqlError("0A000", "cannot distribute relation: " + name)
                    .withDetail("Distributed relations must be regular or partitioned tables.");
        }
        if ("t".equals(r[1])) {
            throw new SqlError("0A000", "cannot distribute a temporary table");
        }
        if ((Boolean) r[3] && !asPartition) {
            throw new SqlError("0A000", "cannot distribute relation \"" + name + "\" which is partition of \""
                    + r[4] + "\"")
                    .withDetail("Citus does not support distributing partitions if their parent is not distributed table.")
                    .withHint("Distribute the partitioned table \"" + r[4] + "\" instead.");
        }
        // shard ids run to 19 digits; PostgreSQL would cut a longer shard name short
        if (((Number) LocalSql.value("SELECT octet_length(relname) FROM pg_catalog.pg_class WHERE oid = ?::oid",
                relationId)).intValue() > MAX_NAME_FOR_SHARDS) {
            throw new SqlError("42622", "the name of " + name + " is too long to distribute")
                    .withDetail("A shard's name is the table's name and _shardid, which must fit in 63 bytes.")
                    .withHint("Rename the table to at most " + MAX_NAME_FOR_SHARDS + " bytes.");
        }
        LocalSql.update("LOCK TABLE " + table.qualifiedName() + " IN EXCLUSIVE MODE");
        if (TableCatalog.find(relationId) != null) {
            throw new SqlError("42P16", "table \"" + name + "\" is already distributed");
        }
        if (!(Boolean) r[3] && LocalSql.value("SELECT 1 FROM pg_catalog.pg_inherits i"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid"
                + " WHERE (i.inhrelid = ?::oid OR i.inhparent = ?::oid) AND NOT c.relispartition LIMIT 1",
                relationId, relationId) != null) {
            throw new SqlError("0A000", "cannot distribute " + name + ": it takes part in table inheritance");
        }
        return table;
    }

    boolean isPartitioned() {
        return partitioned;
    }

    /** The table's partitions (direct ones), in name order. */
    List<Long> partitions() throws SQLException {
        List<Long> partitions = new java.util.ArrayList<>();
        for (Object[] r : LocalSql.rows("SELECT i.inhrelid::bigint FROM pg_catalog.pg_inherits i"
                + " WHERE i.inhparent = ?::oid ORDER BY i.inhrelid::regclass::text", id)) {
            partitions.add(((Number) r[0]).longValue());
        }
        return partitions;
    }

    /** A partition's bound, as ATTACH PARTITION takes it: FOR VALUES ... */
    String partitionBound() throws SQLException {
        return (String) LocalSql.value("SELECT pg_catalog.pg_get_expr(relpartbound, oid) FROM pg_catalog.pg_class"
                + " WHERE oid = ?::oid", id);
    }

    Column column(String columnName) throws SQLException {
        if (columnName == null) {
            throw new SqlError("0A000", "distributing a table without a distribution column (a single-shard"
                    + " table) is not supported yet");
        }
        List<Object[]> rows = LocalSql.rows("SELECT attname::text, quote_ident(attname), attnum::int, atttypid::int,"
                + " atttypmod,"
                + " attcollation::int FROM pg_catalog.pg_attribute"
                + " WHERE attrelid = ?::oid AND attname = ? AND attnum > 0 AND NOT attisdropped", id, columnName);
        if (rows.isEmpty()) {
            throw new SqlError("42703", "column \"" + columnName + "\" of relation \"" + name + "\" does not exist");
        }
        Object[] r = rows.get(0);
        return new Column((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                ((Number) r[4]).intValue(), ((Number) r[5]).intValue());
    }

    /** Citus's rule: a uniqueness a shard cannot check alone must include the distribution column. */
    void ensureUniquenessIncludes(Column column) throws SQLException {
        Object offending = LocalSql.value("SELECT conname::text FROM pg_catalog.pg_constraint"
                + " WHERE conrelid = ?::oid AND contype IN ('p', 'u', 'x') AND NOT (? = ANY (conkey))"
                + " ORDER BY conname LIMIT 1", id, (short) column.attnum());
        if (offending != null) {
            throw new SqlError("0A000", "cannot create constraint on \"" + name + "\"")
                    .withDetail("Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints"
                            + " that do not include the partition column (with an equality operator if EXCLUDE).");
        }
        Object index = LocalSql.value("SELECT 1 FROM pg_catalog.pg_index i WHERE i.indrelid = ?::oid"
                + " AND i.indisunique AND NOT (?::int2 = ANY (i.indkey::int2[])) LIMIT 1", id, (short) column.attnum());
        if (index != null) {
            throw new SqlError("0A000", "creating unique indexes on non-partition columns is currently unsupported");
        }
    }

    /** The rows live in the shards now. */
    void emptyLocally() throws SQLException {
        LocalSql.update("TRUNCATE ONLY " + qualifiedName());
    }
}
