/*
 * DispatcherTest.java — method resolution and invocation, without a backend.
 */
package org.jcitus.pljvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

public class DispatcherTest {
    private static final String SELF = DispatcherTest.class.getName();

    public static String kind(int value) {
        return "int";
    }

    public static String kind(Integer value) {
        return "Integer";
    }

    public static String kind(long value) {
        return "long";
    }

    public static String kind(String value) {
        return "String";
    }

    public static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }

    public static Stream<Object[]> rows(int n) {
        return Stream.of(new Object[] {n}, new Object[] {n + 1});
    }

    public static int[] pair(int n) {
        return new int[] {n, n};
    }

    public int notStatic(int n) {
        return n;
    }

    public static void trigger(EventTriggerData data) {
    }

    private static int resolve(String method, int type, int result) throws SQLException {
        return Dispatcher.resolve(SELF + "." + method, new int[] {type}, new int[] {0}, result, 0, false, false);
    }

    @Test
    void declaredTypePicksTheOverload() throws Throwable {
        assertEquals("int", Dispatcher.invoke(resolve("kind", TypeMap.INT4, 25), new Object[] {1}));
        assertEquals("long", Dispatcher.invoke(resolve("kind", TypeMap.INT8, 25), new Object[] {1L}));
        assertEquals("String", Dispatcher.invoke(resolve("kind", 25, 25), new Object[] {"x"}));
    }

    @Test
    void resolvingTwiceGivesTheSameIndex() throws SQLException {
        assertEquals(resolve("kind", TypeMap.INT4, 25), resolve("kind", TypeMap.INT4, 25));
    }

    @Test
    void nullForAPrimitiveIsAnSqlError() throws SQLException {
        int id = resolve("kind", TypeMap.INT4, 25);
        SQLException e = assertThrows(SQLException.class, () -> Dispatcher.invoke(id, new Object[] {null}));
        assertEquals("22004", e.getSQLState());
    }

    @Test
    void boxedArraysBecomePrimitiveArrays() throws Throwable {
        int id = Dispatcher.resolve(SELF + ".sum", new int[] {1007}, new int[] {TypeMap.INT4},
                TypeMap.INT4, 0, false, false);
        assertEquals(6, Dispatcher.invoke(id, new Object[] {new Integer[] {1, 2, 3}}));
        SQLException e = assertThrows(SQLException.class,
                () -> Dispatcher.invoke(id, new Object[] {new Integer[] {1, null}}));
        assertEquals("22004", e.getSQLState());
    }

    @Test
    void setResultsBecomeIterators() throws Throwable {
        int id = Dispatcher.resolve(SELF + ".rows", new int[] {TypeMap.INT4}, new int[] {0},
                2249, 0, true, true);
        Iterator<?> rows = (Iterator<?>) Dispatcher.invoke(id, new Object[] {5});
        List<Object> seen = new ArrayList<>();
        rows.forEachRemaining(row -> seen.add(((Object[]) row)[0]));
        assertEquals(List.of(5, 6), seen);

        int arrays = Dispatcher.resolve(SELF + ".pair", new int[] {TypeMap.INT4}, new int[] {0},
                TypeMap.INT4, 0, true, false);
        Iterator<?> values = (Iterator<?>) Dispatcher.invoke(arrays, new Object[] {7});
        assertEquals(7, values.next());
        assertEquals(7, values.next());
        assertTrue(!values.hasNext());
    }

    @Test
    void missingPiecesAreUndefinedFunctions() {
        SQLException noMethod = assertThrows(SQLException.class, () -> resolve("x", TypeMap.INT4, TypeMap.INT4));
        assertEquals("42883", noMethod.getSQLState());
        SQLException noClass = assertThrows(SQLException.class,
                () -> Dispatcher.resolve("org.nowhere.Nothing.f", new int[0], new int[0], TypeMap.INT4, 0, false, false));
        assertEquals("42883", noClass.getSQLState());
        SQLException notStatic = assertThrows(SQLException.class, () -> resolve("notStatic", TypeMap.INT4, TypeMap.INT4));
        assertTrue(notStatic.getMessage().contains("notStatic(int or Integer) not found"), notStatic.getMessage());
        SQLException badBody = assertThrows(SQLException.class,
                () -> Dispatcher.resolve("nodots", new int[0], new int[0], TypeMap.INT4, 0, false, false));
        assertEquals("42P13", badBody.getSQLState());
    }

    @Test
    void eventTriggersTakeEventTriggerData() throws Throwable {
        int id = Dispatcher.resolve(SELF + ".trigger", new int[0], new int[0], TypeMap.EVENT_TRIGGER, 0, false, false);
        assertNull(Dispatcher.invoke(id, new Object[] {new EventTriggerData("ddl_command_end", "CREATE TABLE")}));
    }

    @Test
    void valuesBoxPrimitiveArrays() {
        assertArrayEquals(new Object[] {1, 2}, Values.toObjectArray(new int[] {1, 2}));
        assertArrayEquals(new Object[] {"a"}, Values.toObjectArray(List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> Values.toObjectArray("not an array"));
    }
}
