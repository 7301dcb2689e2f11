/*
 * ProtocolStandIn.java — a loopback peer that answers pgjdbc as a PostgreSQL server would, for the install-time warm-up.
 */
package org.jcitus.connection;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Just enough of the frontend/backend protocol (version 3) for one connection to run what
 * jcitus runs on a node: start-up without authentication, simple and extended queries,
 * COPY FROM STDIN, transactions. Every query that starts with SELECT returns one row of
 * one text column; anything else only completes. It checks nothing: it exists so that the
 * driver's code runs once while the class-data-sharing archive is made (DriverWarmup).
 */
final class ProtocolStandIn implements Runnable, AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int TEXT_OID = 25;

    private final ServerSocket server;
    /** statement name to query, portal name to statement name */
    private final Map<String, String> statements = new HashMap<>();
    private final Map<String, String> portals = new HashMap<>();

    ProtocolStandIn() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** Serves connections one after the other until closed. */
    @Override
    public void run() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                serve(new DataInputStream(s.getInputStream()), new DataOutputStream(s.getOutputStream()));
            } catch (IOException e) {
                // the client went away, or the stand-in was closed
            }
        }
    }

    private void serve(DataInputStream in, DataOutputStream out) throws IOException {
        for (;;) {
            int length = in.readInt();
            int code = in.readInt();
            in.readNBytes(length - 8);
            if (code != SSL_REQUEST && code != GSS_REQUEST) {
                break;
            }
            out.writeByte('N');     // no encryption: the start-up message comes next
            out.flush();
        }
        message(out, 'R', new Body().int32(0));
        parameter(out, "server_version", "15.0");
        parameter(out, "server_encoding", "UTF8");
        parameter(out, "client_encoding", "UTF8");
        parameter(out, "DateStyle", "ISO, MDY");
        parameter(out, "integer_datetimes", "on");
        parameter(out, "standard_conforming_strings", "on");
        parameter(out, "TimeZone", "UTC");
        parameter(out, "application_name", NodeConnections.APPLICATION_NAME);
        message(out, 'K', new Body().int32(1).int32(1));
        ready(out);
        for (;;) {
            int type = in.read();
            if (type < 0 || type == 'X') {
                return;
            }
            byte[] body = in.readNBytes(in.readInt() - 4);
            answer(type, new Reader(body), in, out);
        }
    }

    private void answer(int type, Reader body, DataInputStream in, DataOutputStream out) throws IOException {
        switch (type) {
            case 'Q' -> simpleQuery(body.string(), in, out);
            case 'P' -> {
                String name = body.string();
                statements.put(name, body.string());
                message(out, '1', new Body());
            }
            case 'B' -> {
                String portal = body.string();
                portals.put(portal, body.string());
                message(out, '2', new Body());
            }
            case 'D' -> {
                boolean ofStatement = body.int8() == 'S';
                String name = body.string();
                String query = ofStatement ? statements.get(name) : statements.get(portals.get(name));
                if (ofStatement) {
                    message(out, 't', new Body().int16(0));
                }
                if (returnsRows(query)) {
                    rowDescription(out);
                } else {
                    message(out, 'n', new Body());
                }
            }
            case 'E' -> complete(out, statements.get(portals.get(body.string())));
            case 'S' -> ready(out);
            case 'C' -> message(out, '3', new Body());
            default -> {
                // Flush ('H') and anything else: nothing to answer
            }
        }
        if (type != 'P' && type != 'B' && type != 'D' && type != 'E' && type != 'C') {
            out.flush();
        }
    }

    private void simpleQuery(String query, DataInputStream in, DataOutputStream out) throws IOException {
        if (verb(query).equals("COPY")) {
            message(out, 'G', new Body().int8(0).int16(0));
            out.flush();
            long rows = 0;
            for (int type = in.read(); type == 'd'; type = in.read()) {
                for (byte b : in.readNBytes(in.readInt() - 4)) {
                    rows += b == '\n' ? 1 : 0;
                }
            }
            in.readInt();           // CopyDone's length
            message(out, 'C', new Body().string("COPY " + rows));
        } else {
            if (returnsRows(query)) {
                rowDescription(out);
            }
            complete(out, query);
        }
        ready(out);
        out.flush();
    }

    private static void complete(DataOutputStream out, String query) throws IOException {
        if (verb(query).isEmpty()) {
            message(out, 'I', new Body());
        } else if (returnsRows(query)) {
            message(out, 'D', new Body().int16(1).int32(1).bytes(new byte[] {'1'}));
            message(out, 'C', new Body().string("SELECT 1"));
        } else {
            String verb = verb(query);
            message(out, 'C', new Body().string(verb.equals("INSERT") ? "INSERT 0 1"
                    : verb.equals("UPDATE") || verb.equals("DELETE") ? verb + " 1" : verb));
        }
    }

    private static boolean returnsRows(String query) {
        return query != null && verb(query).equals("SELECT");
    }

    private static String verb(String query) {
        String s = query == null ? "" : query.trim();
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static void rowDescription(DataOutputStream out) throws IOException {
        message(out, 'T', new Body().int16(1).string("?column?").int32(0).int16(0)
                .int32(TEXT_OID).int16(-1).int32(-1).int16(0));
    }

    private static void parameter(DataOutputStream out, String name, String value) throws IOException {
        message(out, 'S', new Body().string(name).string(value));
    }

    private static void ready(DataOutputStream out) throws IOException {
        message(out, 'Z', new Body().int8('I'));
    }

    private static void message(DataOutputStream out, char type, Body body) throws IOException {
        out.writeByte(type);
        out.writeInt(body.length + 4);
        out.write(body.bytes, 0, body.length);
    }

    /** A message body being written. */
    private static final class Body {
        byte[] bytes = new byte[64];
        int length;

        Body bytes(byte[] b) {
            if (length + b.length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + b.length));
            }
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
            return this;
        }

        Body int8(int v) {
            return bytes(new byte[] {(byte) v});
        }

        Body int16(int v) {
            return bytes(new byte[] {(byte) (v >> 8), (byte) v});
        }

        Body int32(int v) {
            return bytes(new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
        }

        Body string(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8)).int8(0);
        }
    }

    /** A message body being read. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int int8() {
            return bytes[at++];
        }

        String string() {
            int end = at;
            while (bytes[end] != 0) {
                end++;
            }
            String s = new String(bytes, at, end - at, StandardCharsets.UTF_8);
            at = end + 1;
            return s;
        }
    }
}
