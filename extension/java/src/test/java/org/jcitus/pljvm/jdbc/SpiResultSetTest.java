// SpiResultSetTest.java — getters over hand-built SPI results: conversions, ranges and errors.
package org.jcitus.pljvm.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SpiResultSetTest {
    /** A one-row result set, positioned on the row; types given as OIDs. */
    private static ResultSet oneRow(String[] names, int[] types, Object... values) throws SQLException {
        ResultSet rs = new SpiResultSet(null, new SpiResult("SELECT", 1, names, types,
                new Object[][] {values}));
        assertTrue(rs.next());
        return rs;
    }

    /** A one-row, one-column result set holding v, positioned on the row. */
    private static ResultSet value(int type, Object v) throws SQLException {
        return oneRow(new String[] {"v"}, new int[] {type}, v);
    }

    private static void assertSqlState(String state, Executable call) {
        SQLException e = assertThrows(SQLException.class, call);
        assertEquals(state, e.getSQLState(), e.getMessage());
    }

    @Test
    void rowsAreVisitedOnceInOrder() throws SQLException {
        ResultSet rs = new SpiResultSet(null, new SpiResult("SELECT", 2, new String[] {"a"},
                new int[] {23}, new Object[][] {{1}, {2}}));
        assertTrue(rs.isBeforeFirst());
        assertEquals(0, rs.getRow());
        assertSqlState("24000", () -> rs.getInt(1));
        assertTrue(rs.next());
        assertTrue(rs.isFirst());
        assertEquals(1, rs.getInt(1));
        assertTrue(rs.next());
        assertTrue(rs.isLast());
        assertEquals(2, rs.getRow());
        assertEquals(2, rs.getInt("A"));
        assertFalse(rs.next());
        assertTrue(rs.isAfterLast());
        assertFalse(rs.next(), "stays after the last row");
        assertSqlState("24000", () -> rs.getInt(1));
        assertThrows(SQLFeatureNotSupportedException.class, rs::previous);
    }

    @Test
    void anEmptyResultIsNeitherBeforeNorAfterRows() throws SQLException {
        ResultSet rs = new SpiResultSet(null, new SpiResult("SELECT", 0, new String[] {"a"},
                new int[] {23}, new Object[0][]));
        assertFalse(rs.isBeforeFirst());
        assertFalse(rs.next());
        assertFalse(rs.isAfterLast());
    }

    @Test
    void closedResultSetsRefuseGetters() throws SQLException {
        ResultSet rs = value(23, 1);
        rs.close();
        assertTrue(rs.isClosed());
        assertSqlState("24000", () -> rs.getInt(1));
        assertSqlState("24000", rs::next);
        rs.close();
    }

    @Test
    void columnsAreFoundByNameIgnoringCaseFirstMatchFirst() throws SQLException {
        ResultSet rs = oneRow(new String[] {"id", "Name", "id"}, new int[] {23, 25, 23}, 1, "x", 2);
        assertEquals(1, rs.findColumn("ID"));
        assertEquals(2, rs.findColumn("name"));
        assertEquals(1, rs.getInt("id"), "the first column of that name");
        assertEquals("x", rs.getString("NAME"));
        assertSqlState("42703", () -> rs.findColumn("missing"));
        assertSqlState("42703", () -> rs.getString("missing"));
        assertSqlState("22023", () -> rs.getString(0));
        assertSqlState("22023", () -> rs.getString(4));
    }

    @Test
    void nullsReadAsJdbcDefaults() throws SQLException {
        ResultSet rs = value(23, null);
        assertEquals(0, rs.getInt(1));
        assertTrue(rs.wasNull());
        assertFalse(rs.getBoolean(1));
        assertEquals(0.0, rs.getDouble(1));
        assertNull(rs.getString(1));
        assertNull(rs.getBigDecimal(1));
        assertNull(rs.getObject(1, Integer.class));
        assertNull(rs.getTimestamp(1));
        assertNull(rs.getBytes(1));
        ResultSet notNull = value(23, 0);
        assertEquals(0, notNull.getInt(1));
        assertFalse(notNull.wasNull());
    }

    @Test
    void getStringGivesPostgresTextForms() throws SQLException {
        assertEquals("t", value(16, true).getString(1));
        assertEquals("\\x0aff", value(17, new byte[] {10, -1}).getString(1));
        assertEquals("{1,NULL,3}", value(1007, new Integer[] {1, null, 3}).getString(1));
        assertEquals("{\"a b\",\"\",x}", value(1009, new String[] {"a b", "", "x"}).getString(1));
        assertEquals("(1,\"x y\",)", value(90000, new Object[] {1, "x y", null}).getString(1));
        assertEquals("1e+20", value(701, 1e20).getString(1));
        assertEquals("3", value(701, 3.0).getString(1));
        assertEquals("100000000000000000000", value(1700, new BigDecimal("1E+20")).getString(1));
        assertEquals("12", value(23, 12).getString(1));
        assertEquals("{\"a\": 1}", value(3802, "{\"a\": 1}").getString(1));
    }

    @Test
    void booleansFromNumbersAndStrings() throws SQLException {
        assertTrue(value(23, 2).getBoolean(1));
        assertFalse(value(23, 0).getBoolean(1));
        assertFalse(value(1700, new BigDecimal("0.00")).getBoolean(1));
        assertTrue(value(701, 0.5).getBoolean(1));
        for (String t : new String[] {"t", "TRUE", " yes ", "on", "1", "Y"}) {
            assertTrue(value(25, t).getBoolean(1), t);
        }
        for (String f : new String[] {"f", "False", "no", "OFF", "0", "n"}) {
            assertFalse(value(25, f).getBoolean(1), f);
        }
        assertSqlState("22018", () -> value(25, "maybe").getBoolean(1));
        assertSqlState("22018", () -> value(17, new byte[] {1}).getBoolean(1));
    }

    @Test
    void integersAreRangeChecked() throws SQLException {
        assertEquals(Integer.MAX_VALUE, value(20, (long) Integer.MAX_VALUE).getInt(1));
        assertSqlState("22003", () -> value(20, Integer.MAX_VALUE + 1L).getInt(1));
        assertSqlState("22003", () -> value(20, Integer.MIN_VALUE - 1L).getInt(1));
        assertEquals((short) -32768, value(23, -32768).getShort(1));
        assertSqlState("22003", () -> value(23, 32768).getShort(1));
        assertEquals((byte) 127, value(21, (short) 127).getByte(1));
        assertSqlState("22003", () -> value(21, (short) 128).getByte(1));
        assertEquals(Long.MAX_VALUE, value(1700, new BigDecimal(Long.MAX_VALUE)).getLong(1));
        assertSqlState("22003", () -> value(1700, new BigDecimal("9223372036854775808")).getLong(1));
        assertSqlState("22003", () -> value(1700, new BigDecimal("-9223372036854775809")).getLong(1));
        assertSqlState("22003", () -> value(1700, new BigDecimal("1E+999999")).getLong(1));
        assertSqlState("22003", () -> value(701, Double.NaN).getInt(1));
        assertSqlState("22003", () -> value(701, 3e9).getInt(1));
    }

    @Test
    void integersDropFractionsAndReadStrings() throws SQLException {
        assertEquals(2, value(1700, new BigDecimal("2.9")).getInt(1));
        assertEquals(-2, value(701, -2.9).getInt(1));
        assertEquals(0, value(1700, new BigDecimal("1E-999999")).getInt(1));
        assertEquals(Long.MIN_VALUE, value(1700, new BigDecimal("-9223372036854775808.9")).getLong(1));
        assertEquals(42, value(25, " 42 ").getInt(1));
        assertEquals(1000, value(25, "1e3").getInt(1));
        assertEquals(1, value(16, true).getInt(1));
        assertSqlState("22018", () -> value(25, "forty-two").getInt(1));
        assertSqlState("22003", () -> value(25, "99999999999").getInt(1));
        assertSqlState("22018", () -> value(1007, new Integer[] {1}).getInt(1));
    }

    @Test
    void floatingPointConversions() throws SQLException {
        assertEquals(1.5f, value(700, 1.5f).getFloat(1));
        assertEquals(0.1, value(700, 0.1f).getDouble(1), 1e-7);
        assertEquals(Double.NaN, value(25, "NaN").getDouble(1));
        assertEquals(Double.NEGATIVE_INFINITY, value(25, "-Infinity").getDouble(1));
        assertEquals(Double.POSITIVE_INFINITY, value(701, Double.POSITIVE_INFINITY).getFloat(1));
        assertEquals(12.25, value(1700, new BigDecimal("12.25")).getDouble(1));
        assertSqlState("22003", () -> value(701, 1e300).getFloat(1));
        assertSqlState("22003", () -> value(1700, new BigDecimal("1E+400")).getDouble(1));
        assertSqlState("22018", () -> value(25, "x").getDouble(1));
    }

    @Test
    void bigDecimals() throws SQLException {
        assertEquals(new BigDecimal("0.1"), value(700, 0.1f).getBigDecimal(1),
                "a float's own digits, not those of its double widening");
        assertEquals(new BigDecimal("0.1"), value(701, 0.1).getBigDecimal(1));
        assertEquals(BigDecimal.valueOf(7), value(20, 7L).getBigDecimal(1));
        assertEquals(new BigDecimal("1.50"), value(25, "1.50").getBigDecimal(1));
        assertSqlState("22003", () -> value(701, Double.NaN).getBigDecimal(1));
        assertSqlState("22018", () -> value(25, "abc").getBigDecimal(1));
    }

    @Test
    void bytesOnlyFromBytea() throws SQLException {
        assertArrayEquals(new byte[] {1, 2}, value(17, new byte[] {1, 2}).getBytes(1));
        assertSqlState("22018", () -> value(25, "\\x0102").getBytes(1));
    }

    @Test
    void getObjectConvertsToTheClassAsked() throws SQLException {
        ResultSet rs = value(23, 42);
        assertEquals(Integer.valueOf(42), rs.getObject(1));
        assertEquals(Long.valueOf(42), rs.getObject(1, Long.class));
        assertEquals("42", rs.getObject(1, String.class));
        assertEquals(Short.valueOf((short) 42), rs.getObject(1, Short.class));
        assertEquals(Double.valueOf(42), rs.getObject(1, Double.class));
        assertEquals(BigDecimal.valueOf(42), rs.getObject(1, BigDecimal.class));
        assertEquals(BigInteger.valueOf(42), rs.getObject(1, BigInteger.class));
        assertEquals(Integer.valueOf(42), rs.getObject(1, Number.class), "a superclass is fine");
        assertEquals(Boolean.TRUE, rs.getObject(1, Boolean.class));
        assertSqlState("22018", () -> rs.getObject(1, UUID.class));

        UUID u = UUID.randomUUID();
        assertEquals(u, value(2950, u.toString()).getObject(1, UUID.class));
        assertArrayEquals(new byte[] {5}, value(17, new byte[] {5}).getObject(1, byte[].class));
    }

    @Test
    void arraysConvertToPrimitiveAndStringArrays() throws SQLException {
        ResultSet rs = value(1007, new Integer[] {1, 2, 3});
        assertArrayEquals(new Integer[] {1, 2, 3}, rs.getObject(1, Integer[].class));
        assertArrayEquals(new int[] {1, 2, 3}, rs.getObject(1, int[].class));
        assertArrayEquals(new long[] {1, 2, 3}, rs.getObject(1, long[].class), "widened");
        assertArrayEquals(new String[] {"1", "2", "3"}, rs.getObject(1, String[].class));
        assertSqlState("22018", () -> rs.getObject(1, boolean[].class));
        assertSqlState("22004", () -> value(1007, new Integer[] {1, null}).getObject(1, int[].class));
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.getArray(1));
    }

    @Test
    void javaTimeClassesMatchTheSqlType() throws SQLException {
        assertEquals(LocalDate.of(2024, 2, 29), value(1082, "2024-02-29").getObject(1, LocalDate.class));
        assertEquals(LocalTime.of(23, 59, 59, 999_999_000),
                value(1083, "23:59:59.999999").getObject(1, LocalTime.class));
        assertEquals(LocalDateTime.of(2024, 1, 15, 10, 0, 0, 500_000_000),
                value(1114, "2024-01-15 10:00:00.5").getObject(1, LocalDateTime.class));
        assertEquals(OffsetDateTime.of(2024, 1, 15, 10, 0, 0, 0, ZoneOffset.ofHours(2)),
                value(1184, "2024-01-15 10:00:00+02").getObject(1, OffsetDateTime.class));
        assertSqlState("22018", () -> value(1184, "2024-01-15 10:00:00+02").getObject(1,
                LocalDateTime.class));
        assertSqlState("22018", () -> value(1114, "2024-01-15 10:00:00").getObject(1,
                OffsetDateTime.class));
        assertSqlState("22007", () -> value(1082, "infinity").getObject(1, LocalDate.class));
    }

    @Test
    void sqlDatesAndTimesFromText() throws SQLException {
        assertEquals(Date.valueOf("2024-01-15"), value(1082, "2024-01-15").getDate(1));
        assertEquals(Date.valueOf("2024-01-15"), value(1114, "2024-01-15 23:00:00").getDate(1));
        assertEquals(Time.valueOf("10:30:15"), value(1083, "10:30:15").getTime(1));
        assertEquals(Time.valueOf("10:30:15"), value(1114, "2024-01-15 10:30:15").getTime(1));
        assertEquals(Timestamp.valueOf("2024-01-15 10:00:00.123456"),
                value(1114, "2024-01-15 10:00:00.123456").getTimestamp(1));
        assertEquals(Timestamp.valueOf("2024-01-15 00:00:00"), value(1082, "2024-01-15").getTimestamp(1));
        assertEquals(Timestamp.from(Instant.parse("2024-01-15T08:00:00Z")),
                value(1184, "2024-01-15 10:00:00+02").getTimestamp(1), "a timestamptz is an instant");
        assertSqlState("22007", () -> value(1083, "10:30:15").getTimestamp(1));
        assertSqlState("22007", () -> value(1082, "2024-01-15").getTime(1));
        assertSqlState("22007", () -> value(1114, "infinity").getTimestamp(1));
        assertSqlState("22018", () -> value(23, 5).getDate(1));
    }

    @Test
    void calendarsGiveTheZoneOfValuesWithoutOne() throws SQLException {
        Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
        Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
        assertEquals(Instant.parse("2024-01-15T10:00:00Z"),
                value(1114, "2024-01-15 10:00:00").getTimestamp(1, utc).toInstant());
        assertEquals(Instant.parse("2024-01-15T01:00:00Z"),
                value(1114, "2024-01-15 10:00:00").getTimestamp(1, tokyo).toInstant());
        assertEquals(Instant.parse("2024-01-15T08:00:00Z"),
                value(1184, "2024-01-15 10:00:00+02").getTimestamp(1, tokyo).toInstant(),
                "the value's own offset wins");
        assertEquals(Instant.parse("2024-01-14T15:00:00Z").toEpochMilli(),
                value(1082, "2024-01-15").getDate(1, tokyo).getTime(), "midnight in Tokyo");
        assertEquals(Instant.parse("1970-01-01T10:30:00.250Z").toEpochMilli(),
                value(1083, "10:30:00.25").getTime(1, utc).getTime(), "milliseconds are kept");
    }

    @Test
    void metadataComesFromTheResult() throws SQLException {
        ResultSet rs = oneRow(new String[] {"n", "t"}, new int[] {23, 25}, 1, "a");
        assertEquals(2, rs.getMetaData().getColumnCount());
        assertEquals("t", rs.getMetaData().getColumnName(2));
        assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
        assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
        assertThrows(SQLFeatureNotSupportedException.class, () -> rs.updateInt(1, 2));
        assertThrows(SQLFeatureNotSupportedException.class, rs::insertRow);
    }
}
