/*
 * Listeners.java — transaction listeners that record the events they receive.
 */
package org.jcitus.regress;

import java.util.ArrayList;
import java.util.List;

import org.jcitus.pljvm.TransactionListener;
import org.jcitus.pljvm.Transactions;

public final class Listeners {
    private static final List<String> EVENTS = new ArrayList<>();
    private static boolean vetoNextCommit;
    private static TransactionListener recorder;

    private Listeners() {
    }

    /** Starts recording the events of the following transactions. */
    public static void record() {
        if (recorder != null) {
            return;
        }
        recorder = new TransactionListener() {
            @Override
            public void preCommit() {
                EVENTS.add("pre-commit");
                if (vetoNextCommit) {
                    vetoNextCommit = false;
                    throw new IllegalStateException("commit vetoed by a Java listener");
                }
            }

            @Override
            public void commit() {
                EVENTS.add("commit");
            }

            @Override
            public void abort() {
                EVENTS.add("abort");
            }

            @Override
            public void subtransactionAbort(int subtransaction) {
                EVENTS.add("subtransaction abort");
            }
        };
        Transactions.addListener(recorder);
    }

    public static void stop() {
        Transactions.removeListener(recorder);
        recorder = null;
    }

    public static void vetoNextCommit() {
        vetoNextCommit = true;
    }

    /** The events recorded so far, which are then forgotten. */
    public static String[] events() {
        String[] seen = EVENTS.toArray(new String[0]);
        EVENTS.clear();
        return seen;
    }
}
