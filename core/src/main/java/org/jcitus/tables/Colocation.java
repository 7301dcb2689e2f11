/*
 * Colocation.java — update_distributed_table_colocation: which tables' shards line up, changed in the metadata only.
 */
package org.jcitus.tables;

import java.sql.SQLException;
import java.util.List;

import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.Privileges;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.TableCatalog.DistributedTable;
import org.jcitus.pljvm.SqlError;

/**
 * Moves a table into another table's colocation group (its shards must already line up:
 * same count, same column type, each shard on the same nodes) or, with 'none', into a
 * group of its own. No data moves.
 */
public final class Colocation {
    private Colocation() {
    }

    public static void update(long relationId, String colocateWith) throws SQLException {
        Privileges.ensureCoordinator();
        DistributedTable table = hashDistributed(relationId);
        if ("none".equals(colocateWith)) {
            List<TableCatalog.Shard> shards = TableCatalog.shards(relationId);
            int group = TableCatalog.colocationGroup(shards.size(), 1, table.distributionColumnType(),
                    collation(table), true);
            move(table, group);
            return;
        }
        DistributedTable target = hashDistributed(Table.resolve(colocateWith));
        String name = Table.name(relationId);
        String targetName = Table.name(target.relationId());
        if (target.distributionColumnType() != table.distributionColumnType()) {
            throw new SqlError("22023", "cannot colocate tables " + targetName + " and " + name)
                    .withDetail("Distribution column types don't match for " + targetName + " and " + name + ".");
        }
        List<TableCatalog.Shard> mine = TableCatalog.shards(relationId);
        List<TableCatalog.Shard> theirs = TableCatalog.shards(target.relationId());
        if (mine.size() != theirs.size()) {
            throw new SqlError("22023", "cannot colocate tables " + targetName + " and " + name)
                    .withDetail("Shard counts don't match for " + targetName + " and " + name + ".");
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!mine.get(i).groups().equals(theirs.get(i).groups())) {
                throw new SqlError("22023", "cannot colocate tables " + targetName + " and " + name)
                        .withDetail(targetName + " and " + name + " are not co-located: shard "
                                + theirs.get(i).shardId() + " and shard " + mine.get(i).shardId()
                                + " are on different nodes.");
            }
        }
        move(table, target.colocationId());
    }

    private static DistributedTable hashDistributed(long relationId) throws SQLException {
        DistributedTable table = TableCatalog.find(relationId);
        if (table == null || table.isReference()) {
            throw new SqlError("22023", "relation " + Table.name(relationId) + " should be a hash distributed table");
        }
        return table;
    }

    private static int collation(DistributedTable table) throws SQLException {
        return ((Number) LocalSql.value("SELECT distributioncolumncollation::int FROM pg_catalog.pg_dist_colocation"
                + " WHERE colocationid = ?", table.colocationId())).intValue();
    }

    private static void move(DistributedTable table, int group) throws SQLException {
        TableCatalog.setColocation(table.relationId(), group);
    }
}
