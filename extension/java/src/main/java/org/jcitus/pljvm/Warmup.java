/*
 * Warmup.java — exercises the runtime's Java side outside PostgreSQL, for the class-data-sharing archive.
 */
package org.jcitus.pljvm;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Run at install time with {@code -XX:ArchiveClassesAtExit}: the classes it loads (the
 * dispatcher, method handles, the JDBC drivers, and every class of the jars on the class
 * path) go into the archive that every backend's JVM then maps instead of loading and
 * verifying them again: a backend's first query on a distributed table loads some 500
 * classes of jcitus and pgjdbc. It calls no natives and initializes no class of the jars.
 */
public final class Warmup {
    private Warmup() {
    }

    /** A stand-in for a user's function. */
    public static int increment(int value) {
        return value + 1;
    }

    public static void main(String[] args) throws Throwable {
        int id = Dispatcher.resolve(Warmup.class.getName() + ".increment",
                new int[] {TypeMap.INT4}, new int[] {0}, TypeMap.INT4, 0, false, false);
        Object sum = 0;
        for (int i = 0; i < 1000; i++) {
            sum = Dispatcher.invoke(id, new Object[] {sum});
        }
        Collections.list(DriverManager.getDrivers());
        // classes the runtime loads when a backend's JVM starts
        new EventTriggerData("ddl_command_end", "CREATE TABLE").toString();
        new org.jcitus.pljvm.jdbc.SpiResult("SELECT", 0, null, null, null).hasRows();
        Class.forName(Backend.class.getName());
        Class.forName(Interrupts.class.getName() + "$Watchdog");
        ErrorReport.describe(new IllegalStateException("warm-up", new RuntimeException()));
        Transactions.fire(1, 0);
        int loaded = loadClassPath();
        talkOverLoopback();
        System.out.println("pljvm warm-up: " + sum + ", " + loaded + " classes of the class path");
    }

    /** The JDK's socket classes, which every connection to another node loads. */
    private static void talkOverLoopback() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            client.setTcpNoDelay(true);
            client.setKeepAlive(true);
            client.setSoTimeout(10000);
            client.getOutputStream().write(new byte[] {1, 2, 3});
            client.getOutputStream().flush();
            accepted.getInputStream().readNBytes(3);
        }
    }

    /** Loads (without initializing) every class of every jar on the class path. */
    private static int loadClassPath() throws IOException {
        int loaded = 0;
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.endsWith(".jar")) {
                continue;
            }
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    String name = e.nextElement().getName();
                    if (!name.endsWith(".class") || name.startsWith("META-INF/") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                        loaded++;
                    } catch (ClassNotFoundException | LinkageError skipped) {
                        // a class that needs what is not on the class path (an optional dependency)
                    }
                }
            }
        }
        return loaded;
    }
}
