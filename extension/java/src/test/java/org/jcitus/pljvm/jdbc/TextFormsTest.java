// TextFormsTest.java — Java values in PostgreSQL's text forms, as its output functions write them.
package org.jcitus.pljvm.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TextFormsTest {
    @Test
    void byteaIsBackslashXAndLowercaseHex() {
        assertEquals("\\x", TextForms.byteaHex(new byte[0]));
        assertEquals("\\x000aff7f80", TextForms.byteaHex(new byte[] {0, 10, -1, 127, -128}));
        assertEquals("\\x1b", TextForms.text(new byte[] {0x1b}));
    }

    @Test
    void arrayLiteralsQuoteOnlyWhatNeedsIt() {
        assertEquals("{1,2,NULL}", TextForms.arrayLiteral(new Integer[] {1, 2, null}));
        assertEquals("{}", TextForms.arrayLiteral(new String[0]));
        assertEquals("{plain,\"\",\"NULL\",\"null\",\"a b\",\"a,b\",\"{x}\",\"q\\\"\",\"b\\\\s\",\"tab\t\"}",
                TextForms.arrayLiteral(new String[] {"plain", "", "NULL", "null", "a b", "a,b", "{x}",
                    "q\"", "b\\s", "tab\t"}));
        assertEquals("{t,f}", TextForms.arrayLiteral(new boolean[] {true, false}));
        assertEquals("{1.5,NaN,-Infinity}", TextForms.arrayLiteral(new double[] {1.5, Double.NaN,
            Double.NEGATIVE_INFINITY}));
        assertEquals("{{1,2},{3,4}}", TextForms.arrayLiteral(new int[][] {{1, 2}, {3, 4}}));
        assertEquals("{\"\\\\x01\"}", TextForms.arrayLiteral(new byte[][] {{1}}),
                "bytea elements hold a backslash, so they are quoted and escaped");
    }

    @Test
    void compositesAreRecordLiterals() {
        assertEquals("(1,abc,)", TextForms.text(new Object[] {1, "abc", null}));
        assertEquals("(\"\",\"a b\",\"x\"\"y\",\"b\\\\s\",\"(p)\")",
                TextForms.recordLiteral(new Object[] {"", "a b", "x\"y", "b\\s", "(p)"}));
        // an array of composites: each record is an element, quoted for its parentheses' comma
        assertEquals("{\"(1,t)\",NULL}", TextForms.text(new Object[][] {{1, true}, null}));
    }

    @Test
    void scalarsAsPostgresWritesThem() {
        assertNull(TextForms.text(null));
        assertEquals("t", TextForms.text(true));
        assertEquals("f", TextForms.text(false));
        assertEquals("42", TextForms.text(42L));
        assertEquals("10000000000000000000000", TextForms.text(new BigDecimal("1E+22")),
                "numeric_out never uses an exponent");
        assertEquals("0.000100", TextForms.text(new BigDecimal("0.000100")), "scale is kept");
        UUID u = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", TextForms.text(u));
        assertEquals("1970-01-01T00:00:01Z", TextForms.text(new java.util.Date(1000)));
    }

    @Test
    void float8LikeFloat8out() {
        assertEquals("1", TextForms.float8(1.0));
        assertEquals("-2.5", TextForms.float8(-2.5));
        assertEquals("0.1", TextForms.float8(0.1));
        assertEquals("0.0001", TextForms.float8(0.0001));
        assertEquals("1e-05", TextForms.float8(0.00001));
        assertEquals("123456789012345", TextForms.float8(123456789012345.0));
        assertEquals("1e+15", TextForms.float8(1e15));
        assertEquals("1.5e+300", TextForms.float8(1.5e300));
        assertEquals("-1.2345e-100", TextForms.float8(-1.2345e-100));
        assertEquals("0", TextForms.float8(0.0));
        assertEquals("-0", TextForms.float8(-0.0));
        assertEquals("NaN", TextForms.float8(Double.NaN));
        assertEquals("Infinity", TextForms.float8(Double.POSITIVE_INFINITY));
        assertEquals("-Infinity", TextForms.float8(Double.NEGATIVE_INFINITY));
    }

    @Test
    void float4LikeFloat4out() {
        assertEquals("1.5", TextForms.float4(1.5f));
        assertEquals("0.1", TextForms.float4(0.1f), "the float's own digits, not its double's");
        assertEquals("123456", TextForms.float4(123456f));
        assertEquals("1.234567e+06", TextForms.float4(1234567f));
        assertEquals("1e+10", TextForms.text(1e10f));
    }

    @Test
    void isoDatesAndTimesAreTakenApart() {
        assertEquals(new TextForms.DateTime(LocalDate.of(2024, 1, 15), null, null),
                TextForms.parseDateTime("2024-01-15"));
        assertEquals(new TextForms.DateTime(null, LocalTime.of(10, 30, 0, 123_456_000), null),
                TextForms.parseDateTime("10:30:00.123456"));
        assertEquals(new TextForms.DateTime(null, LocalTime.of(10, 30), ZoneOffset.ofHours(-5)),
                TextForms.parseDateTime("10:30:00-05"));
        assertEquals(new TextForms.DateTime(LocalDate.of(2024, 1, 15), LocalTime.of(10, 0), null),
                TextForms.parseDateTime("2024-01-15 10:00:00"));
        assertEquals(new TextForms.DateTime(LocalDate.of(2024, 1, 15), LocalTime.of(10, 0),
                        ZoneOffset.ofHoursMinutes(5, 30)),
                TextForms.parseDateTime("2024-01-15 10:00:00+05:30"));
        assertEquals(new TextForms.DateTime(LocalDate.of(2024, 1, 15), LocalTime.of(10, 0), null),
                TextForms.parseDateTime("2024-01-15T10:00"));
        assertThrows(DateTimeException.class, () -> TextForms.parseDateTime("infinity"));
        assertThrows(DateTimeException.class, () -> TextForms.parseDateTime("-infinity"));
        assertThrows(DateTimeException.class, () -> TextForms.parseDateTime("0044-03-15 BC"));
        assertThrows(DateTimeException.class, () -> TextForms.parseDateTime("01/15/2024"));
    }

    @Test
    void parameterTypesFollowTheJavaClass() {
        assertEquals(PgType.INT4.oid, PgType.oidForValue(1));
        assertEquals(PgType.INT8.oid, PgType.oidForValue(1L));
        assertEquals(PgType.INT2.oid, PgType.oidForValue((byte) 1));
        assertEquals(PgType.BYTEA.oid, PgType.oidForValue(new byte[0]));
        assertEquals(PgType.UNKNOWN, PgType.oidForValue("text adapts to its context"));
        assertEquals(PgType.TIMESTAMPTZ.oid, PgType.oidForValue(OffsetDateTime.now()));
        assertEquals(PgType.TIMESTAMP.oid, PgType.oidForValue(LocalDateTime.now()));
        assertEquals(PgType.DATE.oid, PgType.oidForValue(LocalDate.now()));
        assertEquals(PgType.UUID_TYPE.oid, PgType.oidForValue(UUID.randomUUID()));
        assertEquals(1007, PgType.oidForValue(new Integer[0]));
        assertEquals(1007, PgType.oidForValue(new int[0]));
        assertEquals(1016, PgType.oidForValue(new long[0]));
        assertEquals(1005, PgType.oidForValue(new Short[0]));
        assertEquals(1000, PgType.oidForValue(new boolean[0]));
        assertEquals(1022, PgType.oidForValue(new Double[0]));
        assertEquals(1021, PgType.oidForValue(new float[0]));
        assertEquals(1009, PgType.oidForValue(new String[0]));
        assertEquals(1231, PgType.oidForValue(new BigDecimal[0]));
        assertEquals(PgType.UNKNOWN, PgType.oidForValue(new Object[] {1, "a"}), "a composite");
    }

    @Test
    void parameterTypesFollowTheJdbcTypeCode() {
        assertEquals(PgType.BOOL.oid, PgType.oidForSqlType(Types.BIT));
        assertEquals(PgType.FLOAT8.oid, PgType.oidForSqlType(Types.FLOAT), "JDBC's FLOAT is a double");
        assertEquals(PgType.NUMERIC.oid, PgType.oidForSqlType(Types.DECIMAL));
        assertEquals(PgType.BYTEA.oid, PgType.oidForSqlType(Types.VARBINARY));
        assertEquals(PgType.TIMESTAMPTZ.oid, PgType.oidForSqlType(Types.TIMESTAMP_WITH_TIMEZONE));
        assertEquals(PgType.UNKNOWN, PgType.oidForSqlType(Types.VARCHAR));
        assertEquals(PgType.UNKNOWN, PgType.oidForSqlType(Types.OTHER));
    }
}
