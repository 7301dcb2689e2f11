/*
 * TransactionListener.java — Java code told about the ends of transactions.
 */
package org.jcitus.pljvm;

/**
 * Receives the events of every transaction of the session once registered with
 * {@link Transactions#addListener}. All methods run on the backend thread.
 *
 * <p>Only {@link #preCommit} and {@link #prePrepare} may still fail the transaction, by
 * throwing; they may run SQL. The others run once the outcome is decided: an exception
 * there is reported as a WARNING, and they must not run SQL.
 */
public interface TransactionListener {
    /** Before the transaction commits; throwing aborts it instead. */
    default void preCommit() throws Exception {
    }

    /** After the transaction committed. */
    default void commit() {
    }

    /** After the transaction aborted. */
    default void abort() {
    }

    /** Before PREPARE TRANSACTION; throwing aborts the transaction. */
    default void prePrepare() throws Exception {
    }

    /** After PREPARE TRANSACTION. */
    default void prepare() {
    }

    /**
     * After a subtransaction (savepoint, PL/pgSQL exception block) was rolled back: its id
     * as {@link Transactions#openSubtransactions} gave it. The listener may work on other
     * nodes, not run SQL here. Not called for the subtransactions that a rollback of the
     * whole transaction (ROLLBACK, COMMIT of a failed transaction) ends: {@link #abort}
     * follows at once.
     */
    default void subtransactionAbort(int subtransaction) {
    }
}
