/*
 * HashFunction.java — the hash function PostgreSQL (and so Citus) uses for a column's type.
 */
package org.jcitus.sharding;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.jcitus.metadata.LocalSql;
import org.jcitus.pljvm.SqlError;

/**
 * The support function 1 of the type's default hash operator class (hashint4, hashint8,
 * hashtext, uuid_hash, ...), found as Citus finds it, also through a binary-compatible type
 * (varchar hashes as text). Values are hashed by that function itself (worker_hash, which
 * calls it on the value's Datum: SQL could not pass a date to hashint4), so shard indexes
 * agree with Citus's for every type.
 */
public final class HashFunction {
    /** per type OID, the query that hashes a value given in its text form */
    private static final Map<Integer, String> HASH_QUERIES = new HashMap<>();

    private HashFunction() {
    }

    /**
     * The hash of a value of the type, given in its text form: computed in Java for the
     * usual key types ({@link Hashing}), by PostgreSQL (one SPI round) for the others.
     */
    public static int hash(int typeOid, String value) throws SQLException {
        Integer hash = Hashing.hash(typeOid, value);
        if (hash != null) {
            return hash;
        }
        String query = HASH_QUERIES.get(typeOid);
        if (query == null) {
            query = "SELECT " + sql("?::" + LocalSql.value("SELECT pg_catalog.format_type(?::oid, NULL)", typeOid));
            HASH_QUERIES.put(typeOid, query);
        }
        return ((Number) LocalSql.value(query, value)).intValue();
    }

    /** SQL that hashes the value of an expression (of a type {@link #check} accepted). */
    public static String sql(String expression) {
        return "pg_catalog.worker_hash(" + expression + ")";
    }

    /** Fails with Citus's error unless the type has a hash function to distribute by. */
    public static void check(int typeOid) throws SQLException {
        Object function = LocalSql.value(
                "SELECT ap.amproc"
                + " FROM pg_catalog.pg_opclass c"
                + " JOIN pg_catalog.pg_am am ON am.oid = c.opcmethod AND am.amname = 'hash'"
                + " JOIN pg_catalog.pg_amproc ap ON ap.amprocfamily = c.opcfamily"
                + "  AND ap.amproclefttype = c.opcintype AND ap.amprocrighttype = c.opcintype"
                + "  AND ap.amprocnum = 1"
                + " WHERE c.opcdefault AND (c.opcintype = ?::oid OR EXISTS ("
                + "   SELECT 1 FROM pg_catalog.pg_cast k WHERE k.castsource = ?::oid"
                + "   AND k.casttarget = c.opcintype AND k.castmethod = 'b'))"
                + " ORDER BY c.opcintype = ?::oid DESC LIMIT 1", typeOid, typeOid, typeOid);
        if (function == null) {
            String typeName = (String) LocalSql.value("SELECT format_type(?::oid, NULL)", typeOid);
            throw new SqlError("42883", "could not identify a hash function for type " + typeName)
                    .withDetail("Partition column types must have a hash function defined to use hash partitioning.");
        }
    }
}
