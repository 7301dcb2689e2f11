/*
 * WorkerNode.java — one row of pg_dist_node.
 */
package org.jcitus.metadata;

import java.util.Objects;

import org.jcitus.connection.NodeAddress;

/** A node of the cluster as pg_dist_node records it; group 0 is the coordinator. */
public record WorkerNode(int nodeId, int groupId, String nodeName, int nodePort, boolean hasMetadata,
                         boolean isActive, String nodeRole, String nodeCluster,
                         boolean metadataSynced, boolean shouldHaveShards) {
    public static final int COORDINATOR_GROUP = 0;

    /**
     * This node, for work that runs here through SPI (TaskExecutor runs a task of the local
     * group locally), when no placement names it: the rows of an INSERT .. SELECT into a
     * local table. Its address is never used.
     */
    public static WorkerNode thisNode(int localGroup) {
        return new WorkerNode(0, localGroup, "localhost", 0, true, true, "primary", "default", true, false);
    }

    public NodeAddress address() {
        return new NodeAddress(nodeName, nodePort);
    }

    public boolean isCoordinator() {
        return groupId == COORDINATOR_GROUP;
    }

    public boolean isPrimary() {
        return "primary".equals(nodeRole);
    }

    /** A worker that keeps a copy of the metadata (Citus's "metadata node"). */
    public boolean isMetadataWorker() {
        return hasMetadata && !isCoordinator() && isPrimary();
    }

    // equals and hashCode written out: a record's own go through invokedynamic, which C1
    // (the backend JVM's only compiler) calls slowly, and the router intersects lists of
    // nodes on every query

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerNode n && n.nodeId == nodeId && n.groupId == groupId && n.nodePort == nodePort
                && n.hasMetadata == hasMetadata && n.isActive == isActive && n.metadataSynced == metadataSynced
                && n.shouldHaveShards == shouldHaveShards && Objects.equals(n.nodeName, nodeName)
                && Objects.equals(n.nodeRole, nodeRole) && Objects.equals(n.nodeCluster, nodeCluster);
    }

    @Override
    public int hashCode() {
        return nodeId;
    }
}
