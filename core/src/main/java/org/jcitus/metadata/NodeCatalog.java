/*
 * NodeCatalog.java — reading and writing pg_dist_node and the local group on this node.
 */
package org.jcitus.metadata;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** pg_dist_node and pg_dist_local_group through SPI, in the caller's transaction. */
public final class NodeCatalog {
    private static final String COLUMNS = "nodeid, groupid, nodename, nodeport, hasmetadata, isactive,"
            + " noderole::text, nodecluster::text, coalesce(metadatasynced, false), shouldhaveshards";

    private NodeCatalog() {
    }

    /** All nodes, in node id order. */
    public static List<WorkerNode> all() throws SQLException {
        return nodes("SELECT " + COLUMNS + " FROM pg_catalog.pg_dist_node ORDER BY nodeid");
    }

    /** The node at this address, or null. */
    public static WorkerNode find(String name, int port) throws SQLException {
        List<WorkerNode> found = nodes("SELECT " + COLUMNS + " FROM pg_catalog.pg_dist_node"
                + " WHERE nodename = ? AND nodeport = ?", name, port);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The node with this id, or null. */
    public static WorkerNode find(int nodeId) throws SQLException {
        List<WorkerNode> found = nodes("SELECT " + COLUMNS + " FROM pg_catalog.pg_dist_node"
                + " WHERE nodeid = ?", nodeId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The primary of a group, or null. */
    public static WorkerNode primaryOfGroup(int groupId) throws SQLException {
        List<WorkerNode> found = nodes("SELECT " + COLUMNS + " FROM pg_catalog.pg_dist_node"
                + " WHERE groupid = ? AND noderole = 'primary'", groupId);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Serializes node changes: Citus takes this lock on pg_dist_node for every change of
     * membership, so that concurrent adds and removes do not interleave.
     */
    public static void lock() throws SQLException {
        LocalSql.update("LOCK TABLE pg_catalog.pg_dist_node IN EXCLUSIVE MODE");
    }

    public static int nextNodeId() throws SQLException {
        return ((Number) LocalSql.value("SELECT nextval('pg_catalog.pg_dist_node_nodeid_seq')")).intValue();
    }

    public static int nextGroupId() throws SQLException {
        return ((Number) LocalSql.value("SELECT nextval('pg_catalog.pg_dist_groupid_seq')")).intValue();
    }

    public static void insert(WorkerNode n) throws SQLException {
        LocalSql.update("INSERT INTO pg_catalog.pg_dist_node (nodeid, groupid, nodename, nodeport,"
                + " hasmetadata, isactive, noderole, nodecluster, metadatasynced, shouldhaveshards)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?::pg_catalog.noderole, ?, ?, ?)",
                n.nodeId(), n.groupId(), n.nodeName(), n.nodePort(), n.hasMetadata(), n.isActive(),
                n.nodeRole(), n.nodeCluster(), n.metadataSynced(), n.shouldHaveShards());
        MetadataCache.invalidateEverywhere();
    }

    public static void setActive(int nodeId, boolean active) throws SQLException {
        LocalSql.update("UPDATE pg_catalog.pg_dist_node SET isactive = ? WHERE nodeid = ?", active, nodeId);
        MetadataCache.invalidateEverywhere();
    }

    /** Records that a node holds the metadata, up to date. */
    public static void setMetadataSynced(int nodeId) throws SQLException {
        LocalSql.update("UPDATE pg_catalog.pg_dist_node SET hasmetadata = true, metadatasynced = true"
                + " WHERE nodeid = ?", nodeId);
    }

    /** Records that metadata workers hold an out-of-date copy, to be synced later. */
    public static void markMetadataWorkersUnsynced() throws SQLException {
        LocalSql.update("UPDATE pg_catalog.pg_dist_node SET metadatasynced = false"
                + " WHERE hasmetadata AND groupid <> 0 AND noderole = 'primary'");
    }

    public static void setShouldHaveShards(int nodeId, boolean value) throws SQLException {
        LocalSql.update("UPDATE pg_catalog.pg_dist_node SET shouldhaveshards = ? WHERE nodeid = ?",
                value, nodeId);
    }

    public static void setAddress(int nodeId, String name, int port) throws SQLException {
        LocalSql.update("UPDATE pg_catalog.pg_dist_node SET nodename = ?, nodeport = ? WHERE nodeid = ?",
                name, port, nodeId);
        MetadataCache.invalidateEverywhere();
    }

    public static void delete(int nodeId) throws SQLException {
        LocalSql.update("DELETE FROM pg_catalog.pg_dist_node WHERE nodeid = ?", nodeId);
        MetadataCache.invalidateEverywhere();
    }

    /** The group this node belongs to: 0 on the coordinator. */
    public static int localGroupId() throws SQLException {
        return ((Number) LocalSql.value("SELECT groupid FROM pg_catalog.pg_dist_local_group")).intValue();
    }

    /** This server's identity, to tell when a node address leads back to it. */
    public static String localServerId() throws SQLException {
        return (String) LocalSql.value("SELECT metadata->>'server_id' FROM pg_catalog.pg_dist_node_metadata");
    }

    private static List<WorkerNode> nodes(String sql, Object... parameters) throws SQLException {
        List<WorkerNode> nodes = new ArrayList<>();
        for (Object[] r : LocalSql.rows(sql, parameters)) {
            nodes.add(new WorkerNode(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), (String) r[2],
                    ((Number) r[3]).intValue(), (Boolean) r[4], (Boolean) r[5], (String) r[6],
                    (String) r[7], (Boolean) r[8], (Boolean) r[9]));
        }
        return nodes;
    }
}
