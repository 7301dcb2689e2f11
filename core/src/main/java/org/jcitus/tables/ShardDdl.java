/*
 * ShardDdl.java — the statements that create a shard: the table's definition, read from the catalogs, under the shard's name.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jcitus.metadata.LocalSql;

/**
 * A table's definition as statements for one shard: columns (type, collation, default,
 * NOT NULL), CHECK, PRIMARY KEY, UNIQUE and EXCLUDE constraints, and the other indexes.
 * Constraint and index names get the shard id as suffix, as Citus's do. Defaults that
 * draw from a sequence stay on the coordinator, which computes them before rows reach a
 * shard. Foreign keys and partitions are not created yet.
 */
final class ShardDdl {
    private static final Pattern INDEX_DEFINITION =
            Pattern.compile("^CREATE (UNIQUE )?INDEX (\\S+) ON (ONLY )?(\\S+) (USING .*)$");

    private ShardDdl() {
    }

    /**
     * The table's definition, read once, from which each shard's statements are made:
     * a table with many shards costs one round of catalog reads, not one per shard.
     */
    static Definition definition(long relationId) throws SQLException {
        String schema = (String) LocalSql.value("SELECT quote_ident(n.nspname) FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?::oid", relationId);
        List<String[]> constraints = new ArrayList<>();
        for (Object[] c : LocalSql.rows("SELECT conname::text, (quote_ident(conname) <> conname)::text,"
                + " pg_catalog.pg_get_constraintdef(oid)"
                + " FROM pg_catalog.pg_constraint WHERE conrelid = ?::oid AND contype IN ('c', 'p', 'u', 'x')"
                + " ORDER BY contype, conname", relationId)) {
            constraints.add(new String[] {(String) c[0], ((String) c[1]).substring(0, 1), (String) c[2]});
        }
        List<String[]> indexes = new ArrayList<>();
        for (Object[] i : LocalSql.rows("SELECT ic.relname::text, (quote_ident(ic.relname) <> ic.relname)::text,"
                + " pg_catalog.pg_get_indexdef(i.indexrelid)"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE i.indrelid = ?::oid AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
                + "   WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)"
                + " ORDER BY ic.relname", relationId)) {
            Matcher m = INDEX_DEFINITION.matcher((String) i[2]);
            if (!m.matches()) {
                throw new SQLException("unexpected index definition: " + i[2]);
            }
            indexes.add(new String[] {(String) i[0], ((String) i[1]).substring(0, 1),
                    m.group(1) == null ? "" : m.group(1), m.group(5)});
        }
        Object[] table = LocalSql.rows("SELECT relname::text, (quote_ident(relname) <> relname)::text,"
                + " CASE WHEN relkind = 'p' THEN ' PARTITION BY ' || pg_catalog.pg_get_partkeydef(oid) ELSE '' END"
                + " FROM pg_catalog.pg_class WHERE oid = ?::oid", relationId).get(0);
        return new Definition(schema, new String[] {(String) table[0], ((String) table[1]).substring(0, 1)},
                String.join(", ", columns(relationId)) + ")" + table[2], constraints, indexes);
    }

    /**
     * What a shard of the table is made of (columns: the column list, its closing
     * parenthesis and any PARTITION BY); names ({name, "t" if it needs quoting}) get the
     * shard id appended. Constraints are {name, quoting, definition}; indexes {name,
     * quoting, "UNIQUE " or "", the part from USING on}.
     */
    record Definition(String schema, String[] table, String columns, List<String[]> constraints,
                      List<String[]> indexes) {
        /** The statements that create one shard, as one string to send in one round trip. */
        /** The shard's name, schema-qualified and quoted: public.events_102008. */
        String shardName(long shardId) {
            return schema + "." + suffixed(table, "_" + shardId);
        }

        String createShard(long shardId) {
            String suffix = "_" + shardId;
            String shard = shardName(shardId);
            StringBuilder sql = new StringBuilder();
            if (!"public".equals(schema)) {
                sql.append("CREATE SCHEMA IF NOT EXISTS ").append(schema).append(";\n");
            }
            sql.append("CREATE TABLE ").append(shard).append(" (").append(columns).append(";\n");
            for (String[] c : constraints) {
                sql.append("ALTER TABLE ").append(shard).append(" ADD CONSTRAINT ").append(suffixed(c, suffix))
                        .append(' ').append(c[2]).append(";\n");
            }
            for (String[] i : indexes) {
                sql.append("CREATE ").append(i[2]).append("INDEX ").append(suffixed(i, suffix)).append(" ON ")
                        .append(shard).append(' ').append(i[3]).append(";\n");
            }
            return sql.toString();
        }
    }

    /**
     * A name with the shard id appended, quoted where PostgreSQL needs it. quote_ident
     * has judged the name itself: if it was plain, the suffix keeps it so (no keyword ends
     * in _digits); if not, quoting the suffixed name is right or at worst harmless.
     */
    private static String suffixed(String[] name, String suffix) {
        String full = name[0] + suffix;
        return "t".equals(name[1]) ? "\"" + full.replace("\"", "\"\"") + "\"" : full;
    }

    private static List<String> columns(long relationId) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Object[] c : LocalSql.rows(
                "SELECT quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)"
                + " || CASE WHEN a.attcollation <> t.typcollation"
                + "    THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END"
                + " || CASE WHEN d.adbin IS NOT NULL AND a.attgenerated = ''"
                + "         AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) NOT LIKE '%nextval(%'"
                + "    THEN ' DEFAULT ' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) ELSE '' END"
                + " || CASE WHEN a.attgenerated = 's'"
                + "    THEN ' GENERATED ALWAYS AS (' || pg_catalog.pg_get_expr(d.adbin, d.adrelid) || ') STORED'"
                + "    ELSE '' END"
                + " || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END"
                + " FROM pg_catalog.pg_attribute a"
                + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
                + " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped"
                + " ORDER BY a.attnum", relationId)) {
            columns.add((String) c[0]);
        }
        return columns;
    }
}
