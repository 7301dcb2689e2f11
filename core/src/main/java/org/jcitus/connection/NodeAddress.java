/*
 * NodeAddress.java — where a node listens: host and port.
 */
package org.jcitus.connection;

/** A node's host and port, printed as host:port in messages, as Citus does. */
public record NodeAddress(String host, int port) {
    // equals and hashCode written out: a record's own go through invokedynamic, which C1
    // (the backend JVM's only compiler) calls slowly, and every remote statement looks its
    // node's connection up by address

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeAddress a && a.port == port && a.host.equals(host);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
