/*
 * NodeManagement.java — adding, activating, disabling, updating and removing nodes, as Citus does.
 */
package org.jcitus.nodes;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.connection.NodeAddress;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.PlacementCatalog;
import org.jcitus.metadata.PlacementCatalog.SolePlacement;
import org.jcitus.metadata.Privileges;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.pljvm.SqlError;

/**
 * The cluster's membership. Every change runs in the caller's transaction, holds the lock
 * on pg_dist_node, and reaches the metadata workers over this transaction's connections,
 * so that an error anywhere leaves every node as it was.
 *
 * <p>Changes of pg_dist_node reach the metadata workers before the call returns, except
 * where Citus defers them (disabling without synchronous, updating a node's address):
 * those mark the workers' copies out of date, and the next sync (any membership change,
 * or start_metadata_sync_to_all_nodes()) brings them up to date.
 */
public final class NodeManagement {
    private static final String PRIMARY = "primary";
    private static final String DEFAULT_CLUSTER = "default";

    private NodeManagement() {
    }

    /** citus_add_node: registers and activates a node; an existing node keeps its id. */
    public static int addNode(String name, int port, int groupId, String role, String cluster)
            throws SQLException {
        Privileges.ensureSuperuser();
        Privileges.ensureCoordinator();
        return register(name, port, groupId, role, cluster, true);
    }

    /** citus_add_inactive_node: registers a node that takes no placements and serves no queries. */
    public static int addInactiveNode(String name, int port, int groupId, String role, String cluster)
            throws SQLException {
        Privileges.ensureCoordinator();
        if (groupId == WorkerNode.COORDINATOR_GROUP) {
            throw new SqlError("22023", "coordinator node cannot be added as inactive node");
        }
        return register(name, port, groupId, role, cluster, false);
    }

    /** citus_activate_node. */
    public static int activateNode(String name, int port) throws SQLException {
        Privileges.ensureSuperuser();
        Privileges.ensureCoordinator();
        NodeCatalog.lock();
        WorkerNode node = existing(name, port);
        if (!node.isCoordinator()) {
            RemoteNodeChecks.ensureCompatible(node.address());
        }
        NodeActivation.activate(node);
        return node.nodeId();
    }

    /**
     * citus_disable_node. Disabling the first worker needs synchronous := true: every node
     * must agree on which worker is first, and only a synchronous change guarantees that.
     */
    public static void disableNode(String name, int port, boolean synchronous) throws SQLException {
        Privileges.ensureCoordinator();
        NodeCatalog.lock();
        WorkerNode node = existing(name, port);
        if (node.isCoordinator()) {
            throw new SqlError("55000", "cannot change \"isactive\" field of the coordinator node");
        }
        if (!synchronous && isFirstWorker(node)) {
            throw new SqlError("55000", "disabling the first worker node in the metadata is not allowed")
                    .withDetail("Citus uses the first worker node in the metadata for certain internal"
                            + " operations when replicated tables are modified. Synchronous mode ensures"
                            + " that all nodes have the same view of the first worker node, which is used"
                            + " for certain locking operations.")
                    .withHint("You can force disabling node, SELECT citus_disable_node('" + name + "', "
                            + port + ", synchronous:=true);");
        }
        NodeCatalog.setActive(node.nodeId(), false);
        if (node.isPrimary()) {
            ensureNotSolePlacementHolder(node);
        }
        if (synchronous) {
            MetadataSync.syncTo(MetadataSync.metadataWorkers(node.nodeId()));
        } else {
            NodeCatalog.markMetadataWorkersUnsynced();
        }
    }

    /** citus_remove_node: refused while the node holds the only placement of a shard. */
    public static void removeNode(String name, int port) throws SQLException {
        Privileges.ensureCoordinator();
        NodeCatalog.lock();
        WorkerNode node = existing(name, port);
        if (node.isPrimary()) {
            ensureNotSolePlacementHolder(node);
            PlacementCatalog.forgetGroup(node.groupId());
        }
        NodeCatalog.delete(node.nodeId());
        MetadataSync.syncTo(MetadataSync.metadataWorkers(node.nodeId()));
    }

    /** citus_update_node: points a node id at another address; the workers learn it at the next sync. */
    public static void updateNode(int nodeId, String name, int port) throws SQLException {
        Privileges.ensureCoordinator();
        NodeCatalog.lock();
        WorkerNode node = NodeCatalog.find(nodeId);
        if (node == null) {
            throw new SqlError("42704", "node " + Integer.toUnsignedString(nodeId) + " not found");
        }
        WorkerNode there = NodeCatalog.find(name, port);
        if (there != null) {
            if (there.nodeId() == nodeId) {
                return;
            }
            throw new SqlError("55000", "there is already another node with the specified hostname and port");
        }
        NodeCatalog.setAddress(nodeId, name, port);
        NodeCatalog.markMetadataWorkersUnsynced();
    }

    /** citus_set_coordinator_host: registers this node as group 0, or moves its address. */
    public static void setCoordinatorHost(String host, int port, String role, String cluster)
            throws SQLException {
        Privileges.ensureSuperuser();
        Privileges.ensureCoordinator();
        NodeCatalog.lock();
        WorkerNode coordinator = NodeCatalog.primaryOfGroup(WorkerNode.COORDINATOR_GROUP);
        if (coordinator != null) {
            NodeCatalog.setAddress(coordinator.nodeId(), host, port);
        } else {
            ensureRoleFitsCluster(role, cluster);
            NodeCatalog.insert(new WorkerNode(NodeCatalog.nextNodeId(), WorkerNode.COORDINATOR_GROUP, host,
                    port, true, true, role, cluster, true, false));
        }
        MetadataSync.syncTo(MetadataSync.metadataWorkers(-1));
    }

    /** citus_set_node_property: only 'shouldhaveshards' exists. */
    public static void setNodeProperty(String name, int port, String property, boolean value)
            throws SQLException {
        Privileges.ensureCoordinator();
        if (!"shouldhaveshards".equals(property)) {
            throw new SqlError("22023", "only the 'shouldhaveshards' property can be set using this function");
        }
        NodeCatalog.lock();
        WorkerNode node = existing(name, port);
        NodeCatalog.setShouldHaveShards(node.nodeId(), value);
        MetadataSync.syncTo(MetadataSync.metadataWorkers(-1));
    }

    /** citus_get_active_worker_nodes: active primaries other than the coordinator. */
    public static List<NodeAddress> activeWorkers() throws SQLException {
        List<NodeAddress> workers = new ArrayList<>();
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isActive() && n.isPrimary() && !n.isCoordinator()) {
                workers.add(n.address());
            }
        }
        return workers;
    }

    /** start_metadata_sync_to_all_nodes: brings every metadata worker's copy up to date. */
    public static void syncMetadataToAllNodes() throws SQLException {
        Privileges.ensureSuperuser();
        Privileges.ensureCoordinator();
        NodeCatalog.lock();
        MetadataSync.syncTo(MetadataSync.metadataWorkers(-1));
    }

    public static boolean isCoordinator() throws SQLException {
        return NodeCatalog.localGroupId() == WorkerNode.COORDINATOR_GROUP;
    }

    private static int register(String name, int port, int groupId, String role, String cluster,
                                boolean activate) throws SQLException {
        NodeCatalog.lock();
        WorkerNode existing = NodeCatalog.find(name, port);
        if (existing != null) {
            return existing.nodeId();
        }
        ensureRoleFitsCluster(role, cluster);
        if (PRIMARY.equals(role) && groupId >= 0 && NodeCatalog.primaryOfGroup(groupId) != null) {
            throw new SqlError("55000", "group " + groupId + " already has a primary node");
        }
        // an inactive node may not be up yet: activation checks it
        if (activate) {
            RemoteNodeChecks.Identity identity = RemoteNodeChecks.ensureCompatible(new NodeAddress(name, port));
            if (groupId != WorkerNode.COORDINATOR_GROUP && RemoteNodeChecks.isThisServer(identity)) {
                throw new SqlError("22023", "Node cannot add itself as a worker.")
                        .withHint("Add the node as a coordinator by using: SELECT citus_set_coordinator_host('"
                                + name + "', " + port + ");");
            }
        }
        boolean coordinator = groupId == WorkerNode.COORDINATOR_GROUP;
        WorkerNode node = new WorkerNode(NodeCatalog.nextNodeId(), groupId < 0 ? NodeCatalog.nextGroupId() : groupId,
                name, port, coordinator, coordinator, role, cluster, coordinator, !coordinator);
        NodeCatalog.insert(node);
        if (activate) {
            NodeActivation.activate(node);
        }
        return node.nodeId();
    }

    private static void ensureRoleFitsCluster(String role, String cluster) throws SQLException {
        if (PRIMARY.equals(role) && !DEFAULT_CLUSTER.equals(cluster)) {
            throw new SqlError("22023", "primaries must be added to the default cluster");
        }
    }

    private static WorkerNode existing(String name, int port) throws SQLException {
        WorkerNode node = NodeCatalog.find(name, port);
        if (node == null) {
            throw new SqlError("42704", "node at \"" + name + ":" + port + "\" does not exist");
        }
        return node;
    }

    /** The active primary worker with the lowest name, then port: the one Citus locks through. */
    private static boolean isFirstWorker(WorkerNode node) throws SQLException {
        WorkerNode first = null;
        for (WorkerNode n : NodeCatalog.all()) {
            if (n.isActive() && n.isPrimary() && !n.isCoordinator() && (first == null
                    || n.nodeName().compareTo(first.nodeName()) < 0
                    || (n.nodeName().equals(first.nodeName()) && n.nodePort() < first.nodePort()))) {
                first = n;
            }
        }
        return first != null && first.nodeId() == node.nodeId();
    }

    private static void ensureNotSolePlacementHolder(WorkerNode node) throws SQLException {
        SolePlacement sole = PlacementCatalog.solePlacementInGroup(node.groupId());
        if (sole != null) {
            throw new SqlError("55000", "cannot remove or disable the node " + node.address()
                    + " because because it contains the only shard placement for shard " + sole.shardId())
                    .withDetail("One of the table(s) that prevents the operation complete successfully is "
                            + sole.table())
                    .withHint("To proceed, either drop the tables or use undistribute_table() function to"
                            + " convert them to local tables");
        }
    }
}
