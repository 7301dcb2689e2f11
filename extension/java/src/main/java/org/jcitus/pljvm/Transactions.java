/*
 * Transactions.java — the listeners of the session's transaction events.
 */
package org.jcitus.pljvm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where Java code registers for transaction events (see {@link TransactionListener}). */
public final class Transactions {
    // event numbers shared with xact.c
    private static final int PRE_COMMIT = 0;
    private static final int COMMIT = 1;
    private static final int ABORT = 2;
    private static final int PRE_PREPARE = 3;
    private static final int PREPARE = 4;
    private static final int SUB_ABORT = 5;

    private static final List<TransactionListener> LISTENERS = new CopyOnWriteArrayList<>();
    /** Whether there are listeners: the runtime reads it and calls {@link #fire} only then. */
    private static volatile boolean listening;

    private Transactions() {
    }

    /**
     * {@link #statementScope}: the statement is its transaction's only one (not in
     * BEGIN .. COMMIT or a multi-statement query string, not run by a function), or the
     * last: an Execute whose Sync has already arrived, in a transaction that has written
     * nothing on this node (the caller checks its own remote work). Work it does elsewhere
     * may commit with it.
     */
    public static final int ALONE = 0;
    /**
     * {@link #statementScope}: the statement came with the extended query protocol outside
     * a transaction block, at READ COMMITTED, and is not known to be the last before the
     * client's Sync, which ends its transaction: more statements may come first (a JDBC
     * batch). Writes elsewhere must commit with the transaction, but a read may finish
     * with the statement.
     */
    public static final int READS_ALONE = 1;
    /** {@link #statementScope}: the statement is one of a transaction's several. */
    public static final int TRANSACTION = 2;

    /**
     * How far the statement being started (a Java plan's execution begins as its executor
     * starts) reaches into its transaction: {@link #ALONE}, {@link #READS_ALONE} or
     * {@link #TRANSACTION}.
     */
    public static native int statementScope();

    /** {@link #isolationLevel}: REPEATABLE READ. */
    public static final int REPEATABLE_READ = 2;
    /** {@link #isolationLevel}: SERIALIZABLE. */
    public static final int SERIALIZABLE = 3;

    /**
     * The current transaction's isolation level as PostgreSQL numbers it: 0 READ
     * UNCOMMITTED (which PostgreSQL runs as READ COMMITTED), 1 READ COMMITTED,
     * {@link #REPEATABLE_READ}, {@link #SERIALIZABLE}.
     */
    public static native int isolationLevel();

    /**
     * The OID of the role the backend runs as now (current_user: SET ROLE and SECURITY
     * DEFINER functions change it), for work done on its behalf elsewhere.
     */
    public static native long currentUser();

    private static final int[] NONE = new int[0];

    /**
     * The ids of the current transaction's open subtransactions (savepoints, PL/pgSQL
     * exception blocks), outermost first: PostgreSQL's SubTransactionIds, unique within
     * the transaction. {@link TransactionListener#subtransactionAbort} names them alike.
     */
    public static int[] openSubtransactions() {
        int[] ids = openSubtransactions0();
        return ids == null ? NONE : ids;
    }

    private static native int[] openSubtransactions0();

    /** Registers a listener for all later transactions of this session. */
    public static void addListener(TransactionListener listener) {
        LISTENERS.add(listener);
        listening = true;
    }

    public static void removeListener(TransactionListener listener) {
        LISTENERS.remove(listener);
        listening = !LISTENERS.isEmpty();
    }

    /**
     * Called by the runtime for each event. Before commit or prepare, a listener's
     * exception propagates (and aborts the transaction); after the outcome, every
     * listener runs and the failures come back as one message for a WARNING.
     */
    static String fire(int event, int subtransaction) throws Exception {
        if (event == PRE_COMMIT || event == PRE_PREPARE) {
            for (TransactionListener listener : LISTENERS) {
                if (event == PRE_COMMIT) {
                    listener.preCommit();
                } else {
                    listener.prePrepare();
                }
            }
            return null;
        }
        StringBuilder failures = null;
        for (TransactionListener listener : LISTENERS) {
            try {
                switch (event) {
                    case COMMIT:
                        listener.commit();
                        break;
                    case ABORT:
                        listener.abort();
                        break;
                    case PREPARE:
                        listener.prepare();
                        break;
                    case SUB_ABORT:
                        listener.subtransactionAbort(subtransaction);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown transaction event " + event);
                }
            } catch (RuntimeException | Error e) {
                failures = failures == null ? new StringBuilder() : failures.append("; ");
                failures.append(e);
            }
        }
        return failures == null ? null : failures.toString();
    }
}
