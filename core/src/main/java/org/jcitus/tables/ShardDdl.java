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

    /** What a shard is named, schema-qualified and quoted: public.events_102008. */
    static String qualifiedShardName(long relationId, long shardId) throws SQLException {
        return (String) LocalSql.value("SELECT format('%I.%I', n.nspname, c.relname || '_' || ?::text)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = ?::oid", Long.toString(shardId), relationId);
    }

    /** The statements that create one shard of the table. */
    static List<String> createShard(long relationId, long shardId) throws SQLException {
        String shard = qualifiedShardName(relationId, shardId);
        List<String> statements = new ArrayList<>();
        String schema = (String) LocalSql.value("SELECT quote_ident(n.nspname) FROM pg_catalog.pg_class c"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?::oid", relationId);
        if (!"public".equals(schema)) {
            statements.add("CREATE SCHEMA IF NOT EXISTS " + schema);
        }
        statements.add("CREATE TABLE " + shard + " (" + String.join(", ", columns(relationId)) + ")");
        for (Object[] c : LocalSql.rows(
                "SELECT quote_ident(conname || '_' || ?::text), pg_catalog.pg_get_constraintdef(oid)"
                + " FROM pg_catalog.pg_constraint WHERE conrelid = ?::oid AND contype IN ('c', 'p', 'u', 'x')"
                + " ORDER BY contype, conname", Long.toString(shardId), relationId)) {
            statements.add("ALTER TABLE " + shard + " ADD CONSTRAINT " + c[0] + " " + c[1]);
        }
        for (Object[] i : LocalSql.rows(
                "SELECT quote_ident(ic.relname || '_' || ?::text), pg_catalog.pg_get_indexdef(i.indexrelid)"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
                + " WHERE i.indrelid = ?::oid AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k"
                + "   WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid)"
                + " ORDER BY ic.relname", Long.toString(shardId), relationId)) {
            Matcher m = INDEX_DEFINITION.matcher((String) i[1]);
            if (!m.matches()) {
                throw new SQLException("unexpected index definition: " + i[1]);
            }
            statements.add("CREATE " + (m.group(1) == null ? "" : m.group(1)) + "INDEX " + i[0] + " ON "
                    + shard + " " + m.group(5));
        }
        return statements;
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
