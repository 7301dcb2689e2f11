/*
 * Waits.java — Java code that waits, to show that cancel, timeouts and terminate reach it.
 */
package org.jcitus.regress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.jcitus.pljvm.Interrupts;

public final class Waits {
    private static volatile long lastWaitMillis = -1;

    private Waits() {
    }

    /** Sleeps; records how long it really waited, even when interrupted. */
    public static void sleep(long millis) throws InterruptedException {
        long start = System.nanoTime();
        try {
            Thread.sleep(millis);
        } finally {
            lastWaitMillis = (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** Waits on another server (pg_sleep there) through pgjdbc, cancelling it if this call is cancelled. */
    public static void remoteSleep(int port, double seconds) throws Exception {
        long start = System.nanoTime();
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/regression?user=postgres");
             Statement s = c.createStatement();
             Interrupts.Registration r = Interrupts.onCancel(() -> cancel(s))) {
            s.execute("SELECT pg_sleep(" + seconds + ")");
        } finally {
            lastWaitMillis = (System.nanoTime() - start) / 1_000_000;
        }
    }

    private static void cancel(Statement s) {
        try {
            s.cancel();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the last wait ended within the given time. */
    public static boolean lastWaitWithin(long millis) {
        return lastWaitMillis >= 0 && lastWaitMillis < millis;
    }

    /** From another thread, after a delay, runs a statement (e.g. pg_cancel_backend) through pgjdbc. */
    public static void afterDelay(int port, long millis, String statement) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(millis);
                try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/regression?user=postgres")) {
                    c.createStatement().execute(statement);
                }
            } catch (Exception e) {
                // the test then fails on its timing or outcome
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Runs a statement in another session, through pgjdbc, and waits for it to commit. */
    public static void inOtherSession(int port, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/regression?user=postgres")) {
            c.createStatement().execute(statement);
        }
    }

    public static void exit(int status) {
        System.exit(status);
    }

    /** System.exit from another thread, while this call waits. */
    public static void exitFromThread(int status) throws InterruptedException {
        Thread t = new Thread(() -> System.exit(status));
        t.start();
        Thread.sleep(60000);
    }
}
