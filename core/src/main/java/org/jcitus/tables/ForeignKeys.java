/*
 * ForeignKeys.java — foreign keys of a table being distributed: Citus's rules, and the shards' own keys.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.TableCatalog.DistributedTable;
import org.jcitus.pljvm.SqlError;

/**
 * A foreign key can hold on shards only where each shard finds the rows it refers to on
 * its own node: a distributed table may refer to a colocated distributed table through
 * the distribution column, or to a reference table (copied to every node); a reference
 * table only to reference tables. Each shard's key then refers to the shard of the same
 * index, or to the reference table's one shard. Tables that refer to the table being
 * distributed must be Citus tables already.
 */
final class ForeignKeys {
    private ForeignKeys() {
    }

    /** A foreign key of the table: its name, definition, and the table it refers to. */
    record ForeignKey(String name, String nameQuoting, String definition, long referenced, String referencedName,
                      boolean includesDistributionColumn) {
    }

    /**
     * The table's foreign keys, checked against Citus's rules for the table's future
     * distribution (distributionAttnum 0 for a reference table, colocation of the group it
     * joins, or -1 for a new group).
     */
    static List<ForeignKey> check(Table table, int distributionAttnum, int colocationId) throws SQLException {
        Object referencing = LocalSql.value("SELECT conrelid::regclass::text FROM pg_catalog.pg_constraint"
                + " WHERE contype = 'f' AND confrelid = ?::oid AND conrelid <> confrelid"
                + " AND conrelid NOT IN (SELECT logicalrelid FROM pg_catalog.pg_dist_partition) LIMIT 1", table.id());
        if (referencing != null) {
            throw new SqlError("0A000", "cannot distribute " + table.name() + " because " + referencing
                    + " refers to it with a foreign key")
                    .withDetail(referencing + " is a local table.")
                    .withHint("Distribute " + referencing + " or make it a reference table afterwards, or drop its"
                            + " foreign key first.");
        }
        List<ForeignKey> keys = new ArrayList<>();
        for (Object[] r : LocalSql.rows("SELECT conname::text, (quote_ident(conname) <> conname)::text,"
                + " pg_catalog.pg_get_constraintdef(oid), confrelid::bigint, confrelid::regclass::text,"
                + " array_position(conkey, ?::int2) IS NOT NULL"
                + "   AND array_position(conkey, ?::int2) = array_position(confkey,"
                + "     (SELECT substring(p.partkey from ':varattno ([0-9]+)')::int2 FROM pg_catalog.pg_dist_partition p"
                + "       WHERE p.logicalrelid = confrelid))"
                + " FROM pg_catalog.pg_constraint WHERE contype = 'f' AND conrelid = ?::oid ORDER BY conname",
                (short) distributionAttnum, (short) distributionAttnum, table.id())) {
            ForeignKey key = new ForeignKey((String) r[0], ((String) r[1]).substring(0, 1), (String) r[2],
                    ((Number) r[3]).longValue(), (String) r[4], Boolean.TRUE.equals(r[5]));
            allowed(table, key, distributionAttnum, colocationId);
            keys.add(key);
        }
        return keys;
    }

    private static void allowed(Table table, ForeignKey key, int distributionAttnum, int colocationId)
            throws SQLException {
        boolean self = key.referenced() == table.id();
        DistributedTable target = self ? null : TableCatalog.find(key.referenced());
        if (!self && target == null) {
            throw refused(table, key, "referenced table \"" + key.referencedName()
                    + "\" must be a distributed table or a reference table");
        }
        boolean toReference = target != null && target.isReference();
        if (distributionAttnum == 0 && !toReference && !self) {
            throw refused(table, key, "reference tables can only refer to other reference tables");
        }
        if (distributionAttnum != 0 && !toReference) {
            boolean colocated = self || (colocationId >= 0 && target.colocationId() == colocationId);
            if (!colocated) {
                throw refused(table, key, "relations are not colocated or not referencing a reference table");
            }
            if (!self && !key.includesDistributionColumn()) {
                throw refused(table, key, "foreign keys between distributed tables must include the distribution"
                        + " column of both, at the same position");
            }
        }
    }

    private static SqlError refused(Table table, ForeignKey key, String why) {
        return new SqlError("0A000", "cannot create foreign key constraint since " + why)
                .withDetail("Foreign key \"" + key.name() + "\" of " + table.name() + " refers to "
                        + key.referencedName() + ".");
    }

    /** The statement that gives a shard its copy of the key, pointing at the referenced shard. */
    static String forShard(ForeignKey key, String shard, long shardId, String referencedShard) {
        String name = key.name() + "_" + shardId;
        String quoted = "t".equals(key.nameQuoting()) ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
        String definition = key.definition().replace("REFERENCES " + key.referencedName() + "(",
                "REFERENCES " + referencedShard + "(");
        return "ALTER TABLE " + shard + " ADD CONSTRAINT " + quoted + " " + definition;
    }
}
