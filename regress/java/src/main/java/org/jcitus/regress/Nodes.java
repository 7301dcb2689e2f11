/*
 * Nodes.java — stops and starts a node of the local cluster, to test what happens while it is down.
 */
package org.jcitus.regress;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

public final class Nodes {
    private static final String PG_CTL = "/usr/lib/postgresql/15/bin/pg_ctl";

    private Nodes() {
    }

    /** Stops the server of this data directory (the backend runs as its OS user). */
    public static String stop(String dataDirectory) throws IOException, InterruptedException {
        return pgCtl("-D", dataDirectory, "-m", "fast", "-w", "stop");
    }

    /** Starts it again, logging where deploy/cluster does: beside the data directory. */
    public static String start(String dataDirectory) throws IOException, InterruptedException {
        return pgCtl("-D", dataDirectory, "-l", dataDirectory + ".log", "-w", "start");
    }

    private static String pgCtl(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = PG_CTL;
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed");
        }
        return "done";
    }
}
