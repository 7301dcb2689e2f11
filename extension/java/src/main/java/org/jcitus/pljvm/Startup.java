/*
 * Startup.java — what the runtime's Java side does once, when a backend's JVM starts.
 */
package org.jcitus.pljvm;

/** Called by the runtime on the backend thread right after the JVM is created. */
final class Startup {
    private Startup() {
    }

    static void start() {
        ExitGuard.install();
        Interrupts.startWatchdog();
    }
}
