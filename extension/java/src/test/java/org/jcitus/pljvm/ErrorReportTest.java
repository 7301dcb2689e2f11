/*
 * ErrorReportTest.java — how exceptions are described to PostgreSQL.
 */
package org.jcitus.pljvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ErrorReportTest {
    @Test
    void serverErrorsKeepAllTheirParts() {
        String[] report = ErrorReport.describe(new ServerException("23505", "duplicate key", "Key (a)=(1) exists.",
                "Pick another.", "COPY t, line 2", 1));
        assertArrayEquals(new String[] {"23505", "duplicate key", "Key (a)=(1) exists.", "Pick another."},
                Arrays.copyOf(report, 4));
        assertEquals("COPY t, line 2", report[5]);
    }

    @Test
    void sqlExceptionsKeepAValidSqlState() {
        assertEquals("22023", ErrorReport.describe(new SQLException("bad", "22023"))[0]);
        assertEquals("XX000", ErrorReport.describe(new SQLException("bad", "nope"))[0]);
    }

    @Test
    void otherExceptionsAreNamedAndInternal() {
        String[] report = ErrorReport.describe(new RuntimeException("outer", new IllegalArgumentException("root")));
        assertEquals("XX000", report[0]);
        assertEquals("java.lang.RuntimeException: outer", report[1]);
        assertEquals("Caused by: java.lang.IllegalArgumentException: root.", report[2]);
        assertTrue(report[4].contains("ErrorReportTest"), "the stack trace goes to the server log");
    }

    @Test
    void listenersFailuresAfterTheOutcomeAreCollected() throws Exception {
        TransactionListener failing = new TransactionListener() {
            @Override
            public void commit() {
                throw new IllegalStateException("late");
            }
        };
        Transactions.addListener(failing);
        try {
            assertEquals("java.lang.IllegalStateException: late", Transactions.fire(1, 0));
        } finally {
            Transactions.removeListener(failing);
        }
        assertEquals(null, Transactions.fire(1, 0));
    }
}
