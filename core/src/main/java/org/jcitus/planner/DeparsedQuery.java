/*
 * DeparsedQuery.java — the tokens of a query as PostgreSQL's ruleutils prints it, and its shape.
 */
package org.jcitus.planner;

import java.util.Arrays;

/**
 * A query's text as pg_get_querydef prints it, split into tokens. That text is canonical,
 * which keeps the tokenizer small: keywords are upper case and identifiers lower case
 * (an identifier with upper case letters, or one that is a keyword, is double-quoted),
 * parameters are {@code $n}, constants are numbers or quoted strings followed by a cast,
 * and there are no comments or dollar quotes.
 *
 * <p>The shape of a query is its text without its constants: queries that differ only in
 * constants (every execution of a pgbench statement under -M simple) share a shape, and
 * the planner analyses a shape once. Constants are numbered in order of appearance.
 */
final class DeparsedQuery {
    enum Kind { KEYWORD, IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, PARAMETER, PUNCTUATION }

    private static final char CONSTANT_MARK = '\u0001';

    final String text;
    private Kind[] kinds = new Kind[32];
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int count;
    private int[] constantTokens = new int[8];
    private int constants;

    private DeparsedQuery(String text) {
        this.text = text;
    }

    /** Splits the text; never fails (text it does not know becomes punctuation). */
    static DeparsedQuery of(String text) {
        DeparsedQuery q = new DeparsedQuery(text);
        q.tokenize();
        return q;
    }

    int size() {
        return count;
    }

    Kind kind(int token) {
        return kinds[token];
    }

    int start(int token) {
        return starts[token];
    }

    int end(int token) {
        return ends[token];
    }

    String token(int token) {
        return text.substring(starts[token], ends[token]);
    }

    /** Whether the token is this keyword or punctuation. */
    boolean is(int token, String s) {
        return token >= 0 && token < count && (kinds[token] == Kind.KEYWORD || kinds[token] == Kind.PUNCTUATION)
                && ends[token] - starts[token] == s.length() && text.startsWith(s, starts[token]);
    }

    boolean isName(int token) {
        return token >= 0 && token < count
                && (kinds[token] == Kind.IDENTIFIER || kinds[token] == Kind.QUOTED_IDENTIFIER);
    }

    /** A name as PostgreSQL resolves it: a quoted identifier without its quotes. */
    String name(int token) {
        if (kinds[token] == Kind.QUOTED_IDENTIFIER) {
            return text.substring(starts[token] + 1, ends[token] - 1).replace("\"\"", "\"");
        }
        return token(token);
    }

    int constantCount() {
        return constants;
    }

    /** The constant's number, or -1 if the token is not a constant. */
    int constantIndex(int token) {
        for (int i = 0; i < constants; i++) {
            if (constantTokens[i] == token) {
                return i;
            }
        }
        return -1;
    }

    /** The constants' texts, in order, as they appear (quotes and all). */
    String[] constants() {
        String[] values = new String[constants];
        for (int i = 0; i < constants; i++) {
            values[i] = token(constantTokens[i]);
        }
        return values;
    }

    /**
     * The text with each constant replaced by a mark, after a prefix: equal for queries of
     * one shape (and prefix).
     */
    String shape(String prefix) {
        StringBuilder b = new StringBuilder(prefix.length() + text.length()).append(prefix);
        int from = 0;
        for (int i = 0; i < constants; i++) {
            int t = constantTokens[i];
            b.append(text, from, starts[t]).append(CONSTANT_MARK);
            from = ends[t];
        }
        return b.append(text, from, text.length()).toString();
    }

    /** The token that closes the parenthesis or bracket opened at token open, or size(). */
    int closing(int open) {
        int depth = 0;
        for (int i = open; i < count; i++) {
            if (is(i, "(") || is(i, "[")) {
                depth++;
            } else if (is(i, ")") || is(i, "]")) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return count;
    }

    private void tokenize() {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '\'') {
                i = add(Kind.STRING, i, quoted(i, '\''));
            } else if (c == '"') {
                i = add(Kind.QUOTED_IDENTIFIER, i, quoted(i, '"'));
            } else if (c == '$' && i + 1 < n && isDigit(text.charAt(i + 1))) {
                i = add(Kind.PARAMETER, i, digits(i + 1));
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                i = add(Kind.NUMBER, i, number(i));
            } else if (isLetter(c) || c == '_') {
                int end = word(i);
                // E'..', B'..', X'..': a string with a prefix
                if (end == i + 1 && end < n && text.charAt(end) == '\'' && "EBXebx".indexOf(c) >= 0) {
                    i = add(Kind.STRING, i, quoted(end, '\''));
                } else {
                    i = add(isKeyword(i, end) ? Kind.KEYWORD : Kind.IDENTIFIER, i, end);
                }
            } else if ("(),;[].".indexOf(c) >= 0) {
                i = add(Kind.PUNCTUATION, i, i + 1);
            } else {
                int end = i + 1;
                while (end < n && "+-*/<>=~!@#%^&|`?:".indexOf(text.charAt(end)) >= 0
                        && "+-*/<>=~!@#%^&|`?:".indexOf(c) >= 0) {
                    end++;
                }
                i = add(Kind.PUNCTUATION, i, end);
            }
        }
    }

    private int add(Kind kind, int start, int end) {
        if (count == kinds.length) {
            kinds = Arrays.copyOf(kinds, count * 2);
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        kinds[count] = kind;
        starts[count] = start;
        ends[count] = end;
        if (kind == Kind.STRING || kind == Kind.NUMBER) {
            if (constants == constantTokens.length) {
                constantTokens = Arrays.copyOf(constantTokens, constants * 2);
            }
            constantTokens[constants++] = count;
        }
        count++;
        return end;
    }

    /** The end of a quoted token starting at i; a doubled quote stays inside. */
    private int quoted(int i, char quote) {
        int j = i + 1;
        while (j < text.length()) {
            if (text.charAt(j) == quote) {
                if (j + 1 < text.length() && text.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return j;
    }

    private int digits(int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private int number(int i) {
        int j = digits(i);
        if (j < text.length() && text.charAt(j) == '.') {
            j = digits(j + 1);
        }
        if (j + 1 < text.length() && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
            int k = j + 1;
            if (text.charAt(k) == '+' || text.charAt(k) == '-') {
                k++;
            }
            if (k < text.length() && isDigit(text.charAt(k))) {
                j = digits(k);
            }
        }
        return j;
    }

    private int word(int i) {
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isLetter(c) && !isDigit(c) && c != '_' && c != '$') {
                break;
            }
            i++;
        }
        return i;
    }

    /** ruleutils prints keywords in upper case and never an unquoted identifier with an upper case letter. */
    private boolean isKeyword(int start, int end) {
        boolean upper = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < 128 ? (c >= 'a' && c <= 'z') || isDigit(c) : Character.isLowerCase(c)) {
                return false;
            }
            upper |= c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
        }
        return upper;
    }

    // ASCII first: Character's methods look characters up in tables, which showed in
    // profiles of the per-query path; the text is ASCII but for names and strings

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || (c >= 128 && Character.isWhitespace(c));
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 128 && Character.isLetter(c));
    }
}
