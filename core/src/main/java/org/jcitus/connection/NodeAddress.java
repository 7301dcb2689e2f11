/*
 * NodeAddress.java — where a node listens: host and port.
 */
package org.jcitus.connection;

/** A node's host and port, printed as host:port in messages, as Citus does. */
public record NodeAddress(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
