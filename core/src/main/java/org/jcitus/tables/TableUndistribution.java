/*
 * TableUndistribution.java — undistribute_table: the rows come home and the shards go.
 */
package org.jcitus.tables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.RemoteErrors;
import org.jcitus.metadata.LocalSql;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.Privileges;
import org.jcitus.metadata.TableCatalog;
import org.jcitus.metadata.TableCatalog.DistributedTable;
import org.jcitus.pljvm.SqlError;

/**
 * Turns a Citus table back into a plain one, in the caller's transaction: the rows of each
 * shard are read from one of its placements and inserted into the (empty) local table,
 * then the shards are dropped everywhere and the metadata forgotten. The local table
 * keeps its OID, so views and grants on it stay.
 */
public final class TableUndistribution {
    private static final int BATCH = 20000;

    private TableUndistribution() {
    }

    public static void undistribute(long relationId, boolean cascadeViaForeignKeys) throws SQLException {
        Privileges.ensureCoordinator();
        DistributedTable table = TableCatalog.find(relationId);
        if (table == null) {
            throw new SqlError("0A000", "cannot undistribute table because the table is not distributed");
        }
        if (cascadeViaForeignKeys) {
            throw new SqlError("0A000", "cascade_via_foreign_keys is not supported yet");
        }
        Object foreignKey = LocalSql.value("SELECT conname::text FROM pg_catalog.pg_constraint WHERE contype = 'f'"
                + " AND (conrelid = ?::oid OR confrelid = ?::oid) LIMIT 1", relationId, relationId);
        if (foreignKey != null) {
            String name = Table.name(relationId);
            throw new SqlError("0A000", "cannot complete operation because table " + name + " has a foreign key")
                    .withHint("Drop the foreign key \"" + foreignKey + "\" first.");
        }
        Object[] names = LocalSql.rows("SELECT n.nspname::text, c.relname::text, format('%I.%I', n.nspname, c.relname)"
                + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = ?::oid", relationId).get(0);
        String qualified = (String) names[2];
        LocalSql.update("LOCK TABLE " + qualified + " IN EXCLUSIVE MODE");
        TableTruncation.dropTrigger(qualified);
        int localGroup = NodeCatalog.localGroupId();
        for (TableCatalog.Shard s : TableCatalog.shards(relationId)) {
            String shard = TableCatalog.qualifiedShardName((String) names[0], (String) names[1], s.shardId());
            if (s.groups().contains(localGroup)) {
                LocalSql.update("INSERT INTO " + qualified + " SELECT * FROM " + shard);
            } else {
                fetch(NodeCatalog.primaryOfGroup(s.groups().get(0)).address(), shard, qualified);
            }
        }
        TableRemoval.dropShards(new TableRemoval.DroppedTable(relationId, (String) names[0], (String) names[1]));
        TableCatalog.deleteTable(relationId);
    }

    /** A remote shard's rows, read in batches over the transaction's connection, into the local table. */
    private static void fetch(NodeAddress node, String shard, String localTable) throws SQLException {
        Connection c = NodeConnections.forTransaction(node);
        try (PreparedStatement p = c.prepareStatement("SELECT t::text FROM " + shard + " t")) {
            p.setFetchSize(BATCH);
            try (ResultSet rs = p.executeQuery()) {
                List<String> batch = new ArrayList<>();
                while (rs.next()) {
                    batch.add(rs.getString(1));
                    if (batch.size() == BATCH) {
                        insert(localTable, batch);
                    }
                }
                insert(localTable, batch);
            }
        } catch (SqlError e) {
            throw e;
        } catch (SQLException e) {
            throw RemoteErrors.statementFailed(node, e);
        }
    }

    private static void insert(String localTable, List<String> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        LocalSql.update("INSERT INTO " + localTable + " SELECT (r::" + localTable + ").* FROM unnest(?::text[]) r",
                (Object) records.toArray(new String[0]));
        records.clear();
    }
}
