/*
 * Threads.java — Java threads in a backend: which may enter PostgreSQL, and pgjdbc from many.
 */
package org.jcitus.regress;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public final class Threads {
    private Threads() {
    }

    /** Another thread tries in-backend SQL; returns what it got. */
    public static String otherThreadEntersBackend() throws Exception {
        String[] outcome = new String[1];
        Thread t = new Thread(() -> {
            try {
                Connection c = DriverManager.getConnection("jdbc:default:connection");
                c.createStatement().executeQuery("SELECT 1");
                outcome[0] = "entered PostgreSQL";
            } catch (Exception | Error e) {
                outcome[0] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        });
        t.start();
        t.join();
        return outcome[0];
    }

    /** Runs one query per thread on another server through pgjdbc; returns the sum of the answers. */
    public static long remoteFromThreads(int port, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int i = 1; i <= threads; i++) {
                long n = i;
                answers.add(pool.submit(() -> {
                    try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + port + "/regression?user=postgres");
                         Statement s = c.createStatement();
                         ResultSet rs = s.executeQuery("SELECT " + n + " * 10, pg_sleep(0.2)")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }));
            }
            long sum = 0;
            for (Future<Long> answer : answers) {
                sum += answer.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }
}
