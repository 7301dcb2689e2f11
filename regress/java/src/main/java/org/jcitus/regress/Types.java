/*
 * Types.java — functions that show how SQL values arrive in Java and come back.
 */
package org.jcitus.regress;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

public final class Types {
    private Types() {
    }

    /** The Java class a value arrived as, and the value. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Object[]) {
            return value.getClass().getSimpleName() + " " + Arrays.deepToString((Object[]) value);
        }
        if (value instanceof byte[]) {
            return "byte[] " + Arrays.toString((byte[]) value);
        }
        return value.getClass().getSimpleName() + " " + value;
    }

    public static String echo(String value) {
        return value;
    }

    public static short echo(short value) {
        return value;
    }

    public static int echo(int value) {
        return value;
    }

    public static Long echo(Long value) {
        return value;
    }

    public static boolean echo(boolean value) {
        return value;
    }

    public static float echo(float value) {
        return value;
    }

    public static double echo(double value) {
        return value;
    }

    public static BigDecimal echo(BigDecimal value) {
        return value;
    }

    public static byte[] echo(byte[] value) {
        return value;
    }

    public static Integer[] echo(Integer[] value) {
        return value;
    }

    public static String[] echo(String[] value) {
        return value;
    }

    public static int[] doubled(int[] values) {
        return IntStream.of(values).map(v -> 2 * v).toArray();
    }

    public static long nextOid(long oid) {
        return oid + 1;
    }

    public static BigDecimal half(BigDecimal value) {
        return value.divide(BigDecimal.valueOf(2));
    }

    /** Returns what Java thinks the int is, to test range checks on the way back. */
    public static long widen(long value) {
        return value * 1000;
    }

    /** The Unicode code points of a string, as Java sees them. */
    public static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    public static String fromCodePoints(int[] codePoints) {
        return new String(codePoints, 0, codePoints.length);
    }

    public static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    public static Integer nullIfNegative(Integer value) {
        return value == null || value < 0 ? null : value;
    }

    public static void nothing(int ignored) {
    }

    /** A composite result: one Object[] per row, in column order. */
    public static Object[] pair(int key, String value) {
        return new Object[] {key, value};
    }

    public static Iterator<Integer> countTo(int n) {
        return IntStream.rangeClosed(1, n).iterator();
    }

    public static Stream<Object[]> squares(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new Object[] {i, (long) i * i});
    }

    public static List<String> words(String sentence) {
        return Arrays.asList(sentence.split(" "));
    }

    /** A row that does not match the declared columns. */
    public static Object[] badRow(int n) {
        return new Object[n];
    }
}
