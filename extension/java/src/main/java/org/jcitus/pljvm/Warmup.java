/*
 * Warmup.java — exercises the runtime's Java side outside PostgreSQL, for the class-data-sharing archive.
 */
package org.jcitus.pljvm;

import java.sql.DriverManager;
import java.util.Collections;

/**
 * Run at install time with {@code -XX:ArchiveClassesAtExit}: the classes it loads (the
 * dispatcher, method handles, the JDBC drivers) go into the archive that every backend's
 * JVM then maps instead of loading and verifying them again. It calls no natives.
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
        Transactions.fire(1);
        System.out.println("pljvm warm-up: " + sum);
    }
}
