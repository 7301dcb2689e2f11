/*
 * ShardNames.java — how a shard is named in what users see: shard_name() and the %s of run_command_on_*.
 */
package org.jcitus.udfs;

import java.sql.SQLException;

import org.jcitus.metadata.LocalSql;

/** Citus's shard_name: the table's name with _shardid, qualified unless it is in public. */
final class ShardNames {
    private ShardNames() {
    }

    static String of(long relationId, long shardId) throws SQLException {
        return (String) LocalSql.value("SELECT CASE WHEN n.nspname = 'public' THEN ''"
                + " ELSE quote_ident(n.nspname) || '.' END || quote_ident(c.relname || '_' || ?::text)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = ?::oid", Long.toString(shardId), relationId);
    }
}
