/*
 * NodeActivation.java — the one place a node receives what it needs to take part in the cluster.
 */
package org.jcitus.nodes;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jcitus.connection.ParallelCommands;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.metadata.WorkerNode;
import org.jcitus.tables.ReferenceTables;

/**
 * Activating a node, in the caller's transaction: it learns its group, receives the
 * distributed objects, copies of the reference tables and the metadata, and every other
 * metadata worker learns that it is active. Each step is a {@link Step}; later issues add
 * theirs to {@link #STEPS} (objects from pg_dist_object, table metadata).
 */
final class NodeActivation {
    /** One thing an activated node must have, given to it over its transaction's connection. */
    interface Step {
        void apply(WorkerNode node) throws SQLException;
    }

    /** The node's own group, so that it knows which placements are its own. */
    private static final Step LOCAL_GROUP = node -> ParallelCommands.run(List.of(MetadataSync.setLocalGroup(node)));

    /** Its copies of the reference tables. */
    private static final Step REFERENCE_TABLES = ReferenceTables::replicateTo;

    private static final List<Step> STEPS = List.of(LOCAL_GROUP, REFERENCE_TABLES);

    private NodeActivation() {
    }

    static void activate(WorkerNode node) throws SQLException {
        NodeCatalog.setActive(node.nodeId(), true);
        if (node.isCoordinator()) {
            // this node itself: it has everything; the workers learn of it
            MetadataSync.syncTo(MetadataSync.metadataWorkers(-1));
            return;
        }
        if (!node.isPrimary()) {
            return;
        }
        for (Step step : STEPS) {
            step.apply(node);
        }
        // the new node's copy, and every other metadata worker's, now say it is active
        List<WorkerNode> targets = new ArrayList<>(MetadataSync.metadataWorkers(node.nodeId()));
        targets.add(0, node);
        MetadataSync.syncTo(targets);
    }
}
