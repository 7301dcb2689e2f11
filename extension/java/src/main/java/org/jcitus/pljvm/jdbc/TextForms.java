// TextForms.java — PostgreSQL's text forms of values: arrays, records, bytea, floats, dates.
package org.jcitus.pljvm.jdbc;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Converts between Java values and the text PostgreSQL's output functions write and its
 * input functions read. Parameters travel to the backend as text, and
 * {@link java.sql.ResultSet#getString} should give what psql would show, so both
 * directions use the same forms.
 */
final class TextForms {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TextForms() {
    }

    /**
     * The text form of a value as the runtime hands it over (or as a parameter), null for
     * null: Boolean as t/f, byte[] as bytea hex, floats as float4out/float8out write them,
     * BigDecimal without exponent (as numeric_out), exactly Object[] as a composite,
     * other arrays as array literals, java.util.Date as an instant, anything else
     * through toString() (which suits the java.sql and java.time classes and UUID).
     */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "t" : "f";
        }
        if (value instanceof byte[]) {
            return byteaHex((byte[]) value);
        }
        if (value instanceof Double) {
            return float8((Double) value);
        }
        if (value instanceof Float) {
            return float4((Float) value);
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        // the runtime hands composites over as exactly Object[]; SQL arrays as typed arrays
        if (value.getClass() == Object[].class) {
            return recordLiteral((Object[]) value);
        }
        if (value.getClass().isArray()) {
            return arrayLiteral(value);
        }
        // its toString() names the JVM's time zone in a form PostgreSQL may not know
        if (value.getClass() == java.util.Date.class) {
            return ((java.util.Date) value).toInstant().toString();
        }
        return value.toString();
    }

    /** bytea's hex form: a backslash, x, two lowercase hex digits per byte. */
    static String byteaHex(byte[] bytes) {
        StringBuilder s = new StringBuilder(2 + 2 * bytes.length).append("\\x");
        for (byte b : bytes) {
            s.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return s.toString();
    }

    /**
     * An array literal such as {@code {1,2,NULL}} for any Java array (primitive or not);
     * elements that are themselves arrays (other than byte[] and composites) become
     * inner dimensions.
     */
    static String arrayLiteral(Object array) {
        StringBuilder s = new StringBuilder();
        appendArray(s, array);
        return s.toString();
    }

    private static void appendArray(StringBuilder s, Object array) {
        s.append('{');
        int n = Array.getLength(array);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(',');
            }
            Object element = Array.get(array, i);
            if (element == null) {
                s.append("NULL");
            } else if (element.getClass().isArray() && !(element instanceof byte[])
                    && element.getClass() != Object[].class) {
                appendArray(s, element);
            } else {
                appendArrayElement(s, text(element));
            }
        }
        s.append('}');
    }

    /** As array_out: quoted when it could be read as something else, with \ escapes. */
    private static void appendArrayElement(StringBuilder s, String element) {
        boolean quote = element.isEmpty() || element.equalsIgnoreCase("NULL");
        for (int i = 0; i < element.length() && !quote; i++) {
            char c = element.charAt(i);
            quote = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || isArraySpace(c);
        }
        if (!quote) {
            s.append(element);
            return;
        }
        s.append('"');
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\');
            }
            s.append(c);
        }
        s.append('"');
    }

    private static boolean isArraySpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** A composite literal such as {@code (1,"a b",)}, as record_out writes it (NULL is empty). */
    static String recordLiteral(Object[] fields) {
        StringBuilder s = new StringBuilder().append('(');
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                s.append(',');
            }
            String field = text(fields[i]);
            if (field != null) {
                appendRecordField(s, field);
            }
        }
        return s.append(')').toString();
    }

    /** record_out quotes differently from array_out: it doubles " and \ instead of escaping them. */
    private static void appendRecordField(StringBuilder s, String field) {
        boolean quote = field.isEmpty();
        for (int i = 0; i < field.length() && !quote; i++) {
            char c = field.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || isArraySpace(c);
        }
        if (!quote) {
            s.append(field);
            return;
        }
        s.append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"' || c == '\\') {
                s.append(c);
            }
            s.append(c);
        }
        s.append('"');
    }

    /** As float8out (PostgreSQL 12 and later): shortest digits, exponent outside 1e-4..1e15. */
    static String float8(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return special(d);
        }
        return shortest(new BigDecimal(Double.toString(d)), 15);
    }

    /** As float4out: shortest digits, exponent outside 1e-4..1e6. */
    static String float4(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f) || f == 0) {
            return special(f);
        }
        return shortest(new BigDecimal(Float.toString(f)), 6);
    }

    private static String special(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        // PostgreSQL keeps the sign of zero
        return 1 / d < 0 ? "-0" : "0";
    }

    /*
     * Java's toString already finds the shortest digits that read back to the same value
     * (as PostgreSQL's Ryu code does); only the layout differs: PostgreSQL drops ".0",
     * and writes exponents as e+20 or e-05.
     */
    private static String shortest(BigDecimal value, int fixedBelowExponent) {
        BigDecimal v = value.stripTrailingZeros();
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - v.scale();
        String sign = v.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < fixedBelowExponent) {
            return sign + v.abs().toPlainString();
        }
        StringBuilder s = new StringBuilder(sign).append(digits.charAt(0));
        if (digits.length() > 1) {
            s.append('.').append(digits, 1, digits.length());
        }
        s.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            s.append('0');
        }
        return s.append(magnitude).toString();
    }

    /**
     * A date, time or timestamp (with or without time zone) in PostgreSQL's ISO output
     * form ({@code DateStyle} ISO, the default), taken apart. {@code date} is null for a
     * time, {@code time} is null for a date, {@code offset} is null without a time zone.
     */
    record DateTime(LocalDate date, LocalTime time, ZoneOffset offset) {
    }

    /**
     * Parses a date, time, timetz, timestamp or timestamptz in ISO output form, with an
     * optional T between date and time.
     *
     * @throws DateTimeException for what java.time cannot hold: infinity, BC dates,
     *         years past 9999, 24:00:00, or another DateStyle
     */
    static DateTime parseDateTime(String text) {
        String s = text.trim();
        if (s.endsWith(" BC") || s.endsWith("infinity")) {
            throw new DateTimeException("\"" + s + "\" has no java.time equivalent");
        }
        int colon = s.indexOf(':');
        int dash = s.indexOf('-');
        // a time's text has no '-' before its first ':' (an offset such as -05 comes after)
        boolean hasDate = dash > 0 && (colon < 0 || dash < colon);
        LocalDate date = null;
        String time = s;
        if (hasDate) {
            int split = firstOf(s, ' ', 'T');
            date = LocalDate.parse(split < 0 ? s : s.substring(0, split));
            time = split < 0 ? null : s.substring(split + 1).trim();
        }
        if (time == null) {
            return new DateTime(date, null, null);
        }
        int sign = firstOf(time, '+', '-');
        ZoneOffset offset = sign < 0 ? null : ZoneOffset.of(time.substring(sign));
        return new DateTime(date, LocalTime.parse(sign < 0 ? time : time.substring(0, sign)),
                offset);
    }

    private static int firstOf(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
