/*
 * WorkerNode.java — one row of pg_dist_node.
 */
package org.jcitus.metadata;

import org.jcitus.connection.NodeAddress;

/** A node of the cluster as pg_dist_node records it; group 0 is the coordinator. */
public record WorkerNode(int nodeId, int groupId, String nodeName, int nodePort, boolean hasMetadata,
                         boolean isActive, String nodeRole, String nodeCluster,
                         boolean metadataSynced, boolean shouldHaveShards) {
    public static final int COORDINATOR_GROUP = 0;

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
}
