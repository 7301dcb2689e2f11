// PlaceholdersTest.java — JDBC's ? markers become $n only where PostgreSQL would see a parameter.
package org.jcitus.pljvm.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaceholdersTest {
    private static void assertTranslation(String expectedSql, int expectedCount, String sql) {
        Placeholders.Translated t = Placeholders.translate(sql);
        assertEquals(expectedSql, t.sql(), "SQL of " + sql);
        assertEquals(expectedCount, t.parameterCount(), "parameter count of " + sql);
    }

    @Test
    void markersAreNumberedInOrder() {
        assertTranslation("SELECT $1, $2 FROM t WHERE a = $3", 3, "SELECT ?, ? FROM t WHERE a = ?");
        assertTranslation("SELECT 1", 0, "SELECT 1");
        assertTranslation("$1", 1, "?");
    }

    @Test
    void stringConstantsAndQuotedIdentifiersKeepTheirMarkers() {
        assertTranslation("SELECT '?', $1, 'it''s ?', \"col?\", $2", 2,
                "SELECT '?', ?, 'it''s ?', \"col?\", ?");
        assertTranslation("SELECT \"a\"\"?\" FROM t WHERE x = $1", 1,
                "SELECT \"a\"\"?\" FROM t WHERE x = ?");
    }

    @Test
    void backslashEscapesCountOnlyInEscapeStrings() {
        // E'\'' is one quote inside the constant; in a plain constant \ is an ordinary character
        assertTranslation("SELECT E'\\' ?', $1", 1, "SELECT E'\\' ?', ?");
        assertTranslation("SELECT '\\', $1", 1, "SELECT '\\', ?");
        // an identifier ending in e is not an escape-string prefix
        assertTranslation("SELECT type'\\', $1", 1, "SELECT type'\\', ?");
    }

    @Test
    void dollarQuotedStringsKeepTheirMarkers() {
        assertTranslation("SELECT $$ ? $$, $1", 1, "SELECT $$ ? $$, ?");
        assertTranslation("SELECT $fn$ it's ? $$ $fn$, $1", 1, "SELECT $fn$ it's ? $$ $fn$, ?");
        assertTranslation("DO $body$ BEGIN PERFORM '?'; END $body$", 0,
                "DO $body$ BEGIN PERFORM '?'; END $body$");
    }

    @Test
    void commentsKeepTheirMarkers() {
        assertTranslation("SELECT $1 -- why?\n, $2", 2, "SELECT ? -- why?\n, ?");
        assertTranslation("SELECT /* a? /* nested? */ still? */ $1", 1,
                "SELECT /* a? /* nested? */ still? */ ?");
        assertTranslation("SELECT $1 -- trailing?", 1, "SELECT ? -- trailing?");
    }

    @Test
    void doubledMarkerIsALiteralQuestionMark() {
        assertTranslation("SELECT '{\"a\":1}'::jsonb ? 'a' AND x = $1", 1,
                "SELECT '{\"a\":1}'::jsonb ?? 'a' AND x = ?");
        assertTranslation("SELECT a ?| b, $1", 1, "SELECT a ??| b, ?");
    }

    @Test
    void sqlWithDollarParametersIsKeptAsIs() {
        assertTranslation("SELECT $1::jsonb ? 'a', $2", 2, "SELECT $1::jsonb ? 'a', $2");
        assertTranslation("SELECT $3", 3, "SELECT $3");
        assertTranslation("SELECT $1 ?? 'x'", 1, "SELECT $1 ?? 'x'");
    }

    @Test
    void dollarsInsideIdentifiersAreNotParameters() {
        assertTranslation("SELECT a$1, $1 FROM t$2", 1, "SELECT a$1, ? FROM t$2");
    }

    @Test
    void unterminatedQuotesRunToTheEnd() {
        assertTranslation("SELECT $1, 'open ?", 1, "SELECT ?, 'open ?");
        assertTranslation("SELECT $1, $x$ open ?", 1, "SELECT ?, $x$ open ?");
    }
}
