// Placeholders.java — turns JDBC's ? parameter markers into PostgreSQL's $1, $2, ...
package org.jcitus.pljvm.jdbc;

/**
 * Rewrites the SQL of a prepared statement for SPI, which only knows {@code $n}
 * parameters. A {@code ?} becomes the next {@code $n} unless it sits in a string
 * constant, a quoted identifier, a dollar-quoted string or a comment; {@code ??} stands
 * for a literal {@code ?} (pgjdbc's convention, for operators such as jsonb's {@code ?}).
 *
 * <p>SQL that already uses {@code $n} is taken as PostgreSQL's own and kept unchanged,
 * its {@code ?} included: there a {@code ?} can only be an operator.
 */
final class Placeholders {
    /** PostgreSQL refuses more parameters than this, so higher $n need no slot */
    private static final int MAX_PARAMETERS = 65535;

    private Placeholders() {
    }

    /** The SQL to run and how many parameters it takes (the highest $n). */
    record Translated(String sql, int parameterCount) {
    }

    static Translated translate(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int markers = 0;
        int highestDollar = 0;
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            int end;
            if (c == '?') {
                if (next == '?') {
                    out.append('?');
                    i += 2;
                } else {
                    out.append('$').append(++markers);
                    i++;
                }
                continue;
            } else if (c == '\'') {
                end = endOfQuoted(sql, i, '\'', false);
            } else if (c == '"') {
                end = endOfQuoted(sql, i, '"', false);
            } else if (c == '-' && next == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? n : newline + 1;
            } else if (c == '/' && next == '*') {
                end = endOfBlockComment(sql, i);
            } else if (c == '$' && isDigit(next)) {
                end = i + 1;
                while (end < n && isDigit(sql.charAt(end))) {
                    end++;
                }
                highestDollar = Math.max(highestDollar, parameterNumber(sql, i + 1, end));
            } else if (c == '$') {
                end = endOfDollarQuoted(sql, i);
            } else if (isIdentifierStart(c)) {
                // consumed whole so that a $ inside an identifier (a$1) is not a parameter
                end = i + 1;
                while (end < n && (isIdentifierPart(sql.charAt(end)) || sql.charAt(end) == '$')) {
                    end++;
                }
                if (end == i + 1 && (c == 'E' || c == 'e') && end < n && sql.charAt(end) == '\'') {
                    // E'...': the one string constant where a backslash escapes a quote
                    end = endOfQuoted(sql, end, '\'', true);
                }
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        if (highestDollar > 0) {
            return new Translated(sql, highestDollar);
        }
        return new Translated(out.toString(), markers);
    }

    /** After the closing quote of the constant or identifier opened at start ('' or "" inside). */
    private static int endOfQuoted(String sql, int start, char quote, boolean backslashEscapes) {
        int n = sql.length();
        for (int j = start + 1; j < n; j++) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j++;
            } else if (c == quote) {
                if (j + 1 < n && sql.charAt(j + 1) == quote) {
                    j++;
                } else {
                    return j + 1;
                }
            }
        }
        return n;
    }

    /** After the comment opened at start; PostgreSQL's block comments nest. */
    private static int endOfBlockComment(String sql, int start) {
        int n = sql.length();
        int depth = 0;
        int j = start;
        while (j < n) {
            if (sql.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (sql.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return n;
    }

    /** After the $tag$...$tag$ string opened at start, or start + 1 if no tag opens there. */
    private static int endOfDollarQuoted(String sql, int start) {
        int n = sql.length();
        int j = start + 1;
        if (j < n && isIdentifierStart(sql.charAt(j))) {
            while (j < n && isIdentifierPart(sql.charAt(j))) {
                j++;
            }
        }
        if (j >= n || sql.charAt(j) != '$') {
            return start + 1;
        }
        String tag = sql.substring(start, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? n : close + tag.length();
    }

    private static int parameterNumber(String sql, int from, int to) {
        // more digits than any allowed number: the server will reject it, no slot needed
        if (to - from > 5) {
            return 0;
        }
        int number = Integer.parseInt(sql.substring(from, to));
        return number <= MAX_PARAMETERS ? number : 0;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** As PostgreSQL's lexer: letters, underscore and any non-ASCII character. */
    private static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** An identifier's later characters, without $ (which dollar-quote tags cannot hold). */
    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}
