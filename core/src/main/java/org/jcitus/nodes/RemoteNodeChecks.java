/*
 * RemoteNodeChecks.java — what a node must be before it may join: reachable, running the same jcitus, not this server.
 */
package org.jcitus.nodes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.jcitus.connection.NodeAddress;
import org.jcitus.connection.NodeConnections;
import org.jcitus.connection.RemoteErrors;
import org.jcitus.metadata.ExtensionVersion;
import org.jcitus.metadata.NodeCatalog;
import org.jcitus.pljvm.SqlError;

/**
 * Checks run on a connection of their own before anything is recorded, so that a node
 * that fails them leaves no trace on any node (not even a used node id).
 */
final class RemoteNodeChecks {
    private RemoteNodeChecks() {
    }

    /** What a node says about itself. */
    record Identity(String jcitusVersion, String serverId) {
    }

    static Identity ensureCompatible(NodeAddress node) throws SQLException {
        Identity identity = identify(node);
        if (identity.jcitusVersion() == null) {
            throw new SqlError("55000", "node " + node + " does not have the jcitus extension")
                    .withDetail("A node joins only where jcitus is installed in this database.")
                    .withHint("Run CREATE EXTENSION jcitus on " + node + " and try again.");
        }
        if (!ExtensionVersion.CURRENT.equals(identity.jcitusVersion())) {
            throw new SqlError("55000", "node " + node + " runs jcitus " + identity.jcitusVersion()
                    + ", but this node runs jcitus " + ExtensionVersion.CURRENT)
                    .withHint("Install the same jcitus version on every node.");
        }
        return identity;
    }

    /** Whether the node is this very server (its address leads back here). */
    static boolean isThisServer(Identity identity) throws SQLException {
        return identity.serverId() != null && identity.serverId().equals(NodeCatalog.localServerId());
    }

    private static Identity identify(NodeAddress node) throws SQLException {
        try (Connection c = NodeConnections.standalone(node); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT extversion FROM pg_catalog.pg_extension"
                    + " WHERE extname = 'jcitus'")) {
                if (!rs.next()) {
                    return new Identity(null, null);
                }
                String version = rs.getString(1);
                try (ResultSet id = s.executeQuery("SELECT metadata->>'server_id'"
                        + " FROM pg_catalog.pg_dist_node_metadata")) {
                    return new Identity(version, id.next() ? id.getString(1) : null);
                }
            }
        } catch (SqlError e) {
            throw e;
        } catch (SQLException e) {
            throw RemoteErrors.statementFailed(node, e);
        }
    }
}
