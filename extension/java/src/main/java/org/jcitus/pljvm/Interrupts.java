/*
 * Interrupts.java — lets PostgreSQL's cancel, statement timeout and terminate reach Java code that waits.
 */
package org.jcitus.pljvm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A watchdog thread wakes when the backend receives a cancel or terminate signal (the
 * runtime's signal handler writes to a pipe the watchdog reads). If a pljvm call is
 * running, it interrupts the backend thread (so {@code Thread.sleep}, {@code wait} and
 * interruptible I/O end) and runs the cancel actions Java code registered, e.g. the
 * {@code Statement::cancel} of a statement running on another server. When the call
 * returns, the backend reports the interrupt as PostgreSQL does
 * ("canceling statement due to user request", ...).
 */
public final class Interrupts {
    private static final Object LOCK = new Object();
    private static final Set<Runnable> CANCEL_ACTIONS = ConcurrentHashMap.newKeySet();
    private static final long RECHECK_MILLIS = 20;

    private static Thread backendThread;
    /** pljvm calls on the backend thread's stack; guarded by LOCK */
    private static int activeCalls;

    private Interrupts() {
    }

    /** A registered cancel action; closing it unregisters it. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs {@code action} (on another thread) if the running SQL call is cancelled or the
     * backend is told to terminate, until the returned registration is closed. Use it
     * around waits that a thread interrupt does not end:
     * <pre>try (var r = Interrupts.onCancel(statement::cancel)) { statement.execute(...); }</pre>
     */
    public static Registration onCancel(Runnable action) {
        CANCEL_ACTIONS.add(action);
        return new Unregister(action);
    }

    /** A class, not a lambda: a lambda's class is spun at first use, in every new backend. */
    private static final class Unregister implements Registration {
        private final Runnable action;

        Unregister(Runnable action) {
            this.action = action;
        }

        @Override
        public void close() {
            CANCEL_ACTIONS.remove(action);
        }
    }

    /** A class, not a lambda: a lambda's classes are spun at first use, slowing every new backend. */
    private static final class Watchdog implements Runnable {
        @Override
        public void run() {
            watch();
        }
    }

    /** Called on the backend thread when the JVM starts. */
    static void startWatchdog() {
        backendThread = Thread.currentThread();
        Thread watchdog = new Thread(new Watchdog(), "pljvm-interrupt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static void enterCall() {
        synchronized (LOCK) {
            activeCalls++;
        }
    }

    /** A late interrupt meant for this call must not reach the next one. */
    static void leaveCall() {
        synchronized (LOCK) {
            if (--activeCalls == 0) {
                Thread.interrupted();
            }
        }
    }

    private static void watch() {
        for (;;) {
            Backend.awaitInterrupt();
            // A signal that came just before a call started is still pending once it runs.
            while (Backend.interruptPending() && !interruptRunningCall()) {
                try {
                    Thread.sleep(RECHECK_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private static boolean interruptRunningCall() {
        synchronized (LOCK) {
            if (activeCalls == 0) {
                return false;
            }
            backendThread.interrupt();
        }
        cancelRegistered();
        return true;
    }

    /**
     * Runs the registered cancel actions now, on the calling thread, with no signal: for
     * a session that must give up what it waits for on other nodes (a distributed
     * deadlock's victim). The waits then end in errors, which the caller's code reports.
     */
    public static void cancelRegistered() {
        for (Runnable action : CANCEL_ACTIONS) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // the call is ending anyway; a failed cancel must not stop the others
            }
        }
    }
}
