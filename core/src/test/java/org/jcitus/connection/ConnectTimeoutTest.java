/*
 * ConnectTimeoutTest.java — citus.node_connection_timeout as NodeConnections reads it.
 */
package org.jcitus.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConnectTimeoutTest {
    @Test
    void readsMillisecondsAndUnits() {
        assertEquals(2000, NodeConnections.connectTimeoutMillis("2000"));
        assertEquals(2000, NodeConnections.connectTimeoutMillis(" 2000ms "));
        assertEquals(5000, NodeConnections.connectTimeoutMillis("5s"));
        assertEquals(120_000, NodeConnections.connectTimeoutMillis("2min"));
    }

    @Test
    void unsetOrUnreadableIsTheDefault() {
        assertEquals(30_000, NodeConnections.connectTimeoutMillis(null));
        assertEquals(30_000, NodeConnections.connectTimeoutMillis(""));
        assertEquals(30_000, NodeConnections.connectTimeoutMillis("soon"));
        assertEquals(1, NodeConnections.connectTimeoutMillis("0"));
    }
}
