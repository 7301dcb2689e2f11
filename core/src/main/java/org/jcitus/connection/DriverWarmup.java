/*
 * DriverWarmup.java — the install-time run behind the class-data-sharing archive: the runtime's warm-up, then pgjdbc's.
 */
package org.jcitus.connection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.nio.charset.StandardCharsets;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Run with {@code -XX:ArchiveClassesAtExit} by the install: after pljvm's own warm-up,
 * it drives pgjdbc through what a backend does with a node (connect, statements prepared
 * on the node, transactions, COPY, a validity check) against a {@link ProtocolStandIn}.
 * What that run made at run time (lambda and method handle classes, pgjdbc's proxies)
 * and the classes it loaded go into the archive: a backend's first statement on a node
 * then no longer makes them (measured: a cold connect 130-150 ms before, 70-90 after).
 */
public final class DriverWarmup {
    /** More than pgjdbc's prepareThreshold (5), so that statements become prepared ones. */
    private static final int EXECUTIONS = 8;

    private DriverWarmup() {
    }

    public static void main(String[] args) throws Throwable {
        org.jcitus.pljvm.Warmup.main(args);
        try (ProtocolStandIn node = new ProtocolStandIn()) {
            Thread serving = new Thread(node, "stand-in node");
            serving.setDaemon(true);
            serving.start();
            String url = "jdbc:postgresql://127.0.0.1:" + node.port() + "/warmup";
            try (Connection c = new org.postgresql.Driver().connect(url,
                    NodeConnections.driverProperties("warmup", 10))) {
                talk(c);
            }
        }
    }

    private static void talk(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (PreparedStatement p = c.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            for (int i = 0; i < EXECUTIONS; i++) {
                p.setObject(1, Integer.toString(i), Types.OTHER);
                try (ResultSet rs = p.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int k = 1; k <= columns; k++) {
                            rs.getString(k);
                        }
                    }
                }
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("UPDATE t SET v = v WHERE k = ?")) {
            for (int i = 0; i < EXECUTIONS; i++) {
                p.setObject(1, Integer.toString(i), Types.OTHER);
                p.execute();
                p.getLargeUpdateCount();
            }
        }
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            s.execute("SELECT 1");
            s.getResultSet().close();
        }
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t (k, v) FROM STDIN");
        byte[] lines = "1\tone\n2\ttwo\n".getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(lines, 0, lines.length);
        in.endCopy();
        c.commit();
        c.setAutoCommit(true);
        c.isValid(5);
    }
}
