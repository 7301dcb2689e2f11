/*
 * TableUdfs.java — the SQL functions that distribute tables and answer where their rows live.
 */
package org.jcitus.udfs;

import java.sql.SQLException;
import java.util.List;

import org.jcitus.metadata.ExtensionVersion;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.TableCatalog.DistributedTable;
import org.jcitus.metadata.TableCatalog.Shard;
import org.jcitus.pljvm.SqlError;
import org.jcitus.sharding.HashFunction;
import org.jcitus.sharding.ShardRanges;
import org.jcitus.tables.Colocation;
import org.jcitus.tables.ShardSizes;
import org.jcitus.tables.TableDistribution;
import org.jcitus.tables.TableUndistribution;

/** create_distributed_table and its companions; see sql/jcitus/udfs/. */
public final class TableUdfs {
    private TableUdfs() {
    }

    public static void createDistributedTable(long relationId, String column, String method,
                                              String colocateWith, Integer shardCount) throws SQLException {
        ExtensionVersion.check();
        if (relationId == 0 || method == null || colocateWith == null) {
            throw new SqlError("22004", "table_name, distribution_type and colocate_with cannot be NULL");
        }
        TableDistribution.distribute(new TableDistribution.Request(relationId, column, method, colocateWith,
                shardCount));
    }

    public static void createReferenceTable(long relationId) throws SQLException {
        ExtensionVersion.check();
        TableDistribution.replicate(relationId);
    }

    public static void undistributeTable(long relationId, boolean cascadeViaForeignKeys) throws SQLException {
        ExtensionVersion.check();
        TableUndistribution.undistribute(relationId, cascadeViaForeignKeys);
    }

    public static void updateColocation(long relationId, String colocateWith) throws SQLException {
        ExtensionVersion.check();
        Colocation.update(relationId, colocateWith);
    }

    /** Declared as in Citus 13.2, which answers the same way. */
    public static void upgradeToReferenceTable(long relationId) throws SQLException {
        ExtensionVersion.check();
        throw new SqlError("0A000", "this function is deprecated and no longer used")
                .withHint("Use create_reference_table() to make a reference table.");
    }

    /** (shard_id, size) of every placement on the active nodes, asked of all nodes at once. */
    public static List<Object[]> shardSizes() throws SQLException {
        ExtensionVersion.check();
        return ShardSizes.all();
    }

    /** The shard that holds a value of the distribution column (NULL value: reference tables only). */
    public static Long shardIdForValue(long relationId, String value) throws SQLException {
        ExtensionVersion.check();
        DistributedTable table = distributed(relationId);
        List<Shard> shards = TableCatalog.shards(relationId);
        if (table.isReference()) {
            return shards.get(0).shardId();
        }
        if (value == null) {
            throw new SqlError("22004", "distribution value cannot be NULL for tables other than reference tables.");
        }
        int hash = HashFunction.hash(table.distributionColumnType(), value);
        return shards.get(ShardRanges.indexOf(hash, shards.size())).shardId();
    }

    /** shard_name: the shard's table name, schema-qualified unless in public, quoted as needed. */
    public static String shardName(long relationId, long shardId) throws SQLException {
        ExtensionVersion.check();
        return ShardNames.of(relationId, shardId);
    }

    static DistributedTable distributed(long relationId) throws SQLException {
        DistributedTable table = TableCatalog.find(relationId);
        if (table == null) {
            throw new SqlError("22023", "relation " + LocalSql.value("SELECT ?::oid::regclass::text", relationId)
                    + " is not distributed");
        }
        return table;
    }
}
