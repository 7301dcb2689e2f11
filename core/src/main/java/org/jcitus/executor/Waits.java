/*
 * Waits.java — a statement waiting for its server: a cancel of the SQL call cancels it, and a wait for another node counts for the deadlock check.
 */
package org.jcitus.executor;

import java.sql.SQLException;
import java.sql.Statement;

import org.jcitus.pljvm.Interrupts;
import org.jcitus.transaction.DistributedDeadlocks;
import org.postgresql.PGConnection;

/** Registrations around a statement's round trips; close them when it returns. */
final class Waits {
    private Waits() {
    }

    /** A wait for this node (local: SPI), or for another node (remote). */
    static Interrupts.Registration on(Statement statement, boolean remote) {
        if (!remote) {
            return Interrupts.onCancel(new Canceller(statement));
        }
        DistributedDeadlocks.begin();
        return new RemoteWait(Interrupts.onCancel(new Canceller(statement)));
    }

    /** A COPY on another node's connection: a cancel cancels what the connection runs. */
    static Interrupts.Registration onCopy(PGConnection connection) {
        DistributedDeadlocks.begin();
        return new RemoteWait(Interrupts.onCancel(new CopyCanceller(connection)));
    }

    /** A class, not a lambda: lambdas' classes are spun at first use, in every new backend. */
    private static final class RemoteWait implements Interrupts.Registration {
        private final Interrupts.Registration cancel;

        RemoteWait(Interrupts.Registration cancel) {
            this.cancel = cancel;
        }

        @Override
        public void close() {
            cancel.close();
            DistributedDeadlocks.end();
        }
    }

    private static final class CopyCanceller implements Runnable {
        private final PGConnection connection;

        CopyCanceller(PGConnection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            try {
                connection.cancelQuery();
            } catch (SQLException e) {
                // the COPY ended meanwhile
            }
        }
    }

    /**
     * Not a record either: registering it hashes it, and a record's hashCode goes through
     * invokedynamic, which C1 calls slowly.
     */
    private static final class Canceller implements Runnable {
        private final Statement statement;

        Canceller(Statement statement) {
            this.statement = statement;
        }

        @Override
        public void run() {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the statement ended meanwhile
            }
        }
    }
}
