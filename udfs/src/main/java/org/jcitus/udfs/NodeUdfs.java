/*
 * NodeUdfs.java — the SQL functions of node management: citus_add_node and its family.
 */
package org.jcitus.udfs;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.connection.NodeAddress;
import org.jcitus.metadata.ExtensionVersion;
import org.jcitus.nodes.NodeManagement;

/**
 * Entry points named in sql/jcitus/udfs/. Each checks the extension version first (before
 * it trusts its arguments), then hands over to {@link NodeManagement}.
 */
public final class NodeUdfs {
    private NodeUdfs() {
    }

    public static String version() throws SQLException {
        return "jcitus " + ExtensionVersion.CURRENT + " (the Citus 13.2 interface, in Java)";
    }

    public static boolean isCoordinator() throws SQLException {
        ExtensionVersion.check();
        return NodeManagement.isCoordinator();
    }

    public static int addNode(String name, int port, int groupId, String role, String cluster)
            throws SQLException {
        ExtensionVersion.check();
        return NodeManagement.addNode(name, port, groupId, role, cluster);
    }

    public static int addInactiveNode(String name, int port, int groupId, String role, String cluster)
            throws SQLException {
        ExtensionVersion.check();
        return NodeManagement.addInactiveNode(name, port, groupId, role, cluster);
    }

    public static int activateNode(String name, int port) throws SQLException {
        ExtensionVersion.check();
        return NodeManagement.activateNode(name, port);
    }

    public static void disableNode(String name, int port, boolean synchronous) throws SQLException {
        ExtensionVersion.check();
        NodeManagement.disableNode(name, port, synchronous);
    }

    /** master_disable_node, which predates the choice and disables synchronously. */
    public static void disableNodeSynchronously(String name, int port) throws SQLException {
        ExtensionVersion.check();
        NodeManagement.disableNode(name, port, true);
    }

    public static void removeNode(String name, int port) throws SQLException {
        ExtensionVersion.check();
        NodeManagement.removeNode(name, port);
    }

    /** force and lock_cooldown concern blocking writes during a failover, which jcitus does not yet do. */
    public static void updateNode(int nodeId, String name, int port, boolean force, int lockCooldown)
            throws SQLException {
        ExtensionVersion.check();
        NodeManagement.updateNode(nodeId, name, port);
    }

    public static void setCoordinatorHost(String host, int port, String role, String cluster)
            throws SQLException {
        ExtensionVersion.check();
        NodeManagement.setCoordinatorHost(host, port, role, cluster);
    }

    public static void setNodeProperty(String name, int port, String property, boolean value)
            throws SQLException {
        ExtensionVersion.check();
        NodeManagement.setNodeProperty(name, port, property, value);
    }

    /** Rows of (node_name text, node_port bigint). */
    public static List<Object[]> activeWorkerNodes() throws SQLException {
        ExtensionVersion.check();
        List<Object[]> rows = new ArrayList<>();
        for (NodeAddress a : NodeManagement.activeWorkers()) {
            rows.add(new Object[] {a.host(), (long) a.port()});
        }
        return rows;
    }

    public static boolean syncMetadataToAllNodes() throws SQLException {
        ExtensionVersion.check();
        NodeManagement.syncMetadataToAllNodes();
        return true;
    }
}
