// SpiResultSetMetaDataTest.java — JDBC's view of built-in PostgreSQL types, with no backend to ask.
package org.jcitus.pljvm.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

import org.junit.jupiter.api.Test;

class SpiResultSetMetaDataTest {
    /** One column per OID, named c1, c2, ..., with the given row (or none). */
    private static ResultSetMetaData columns(int[] oids, Object[]... rows) {
        String[] names = new String[oids.length];
        for (int i = 0; i < oids.length; i++) {
            names[i] = "c" + (i + 1);
        }
        return new SpiResultSetMetaData(names, oids, rows);
    }

    @Test
    void builtInTypesMapToJdbcTypes() throws SQLException {
        int[] oids = {16, 21, 23, 20, 700, 701, 1700, 25, 1043, 1042, 19, 17, 1082, 1083, 1114, 1184,
            26, 2205, 114, 3802, 2950, 1007, 1009, 1231, 1028};
        int[] expected = {Types.BOOLEAN, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL,
            Types.DOUBLE, Types.NUMERIC, Types.VARCHAR, Types.VARCHAR, Types.CHAR, Types.VARCHAR,
            Types.BINARY, Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.BIGINT, Types.BIGINT, Types.OTHER, Types.OTHER, Types.OTHER, Types.ARRAY,
            Types.ARRAY, Types.ARRAY, Types.ARRAY};
        ResultSetMetaData md = columns(oids);
        assertEquals(oids.length, md.getColumnCount());
        for (int i = 0; i < oids.length; i++) {
            assertEquals(expected[i], md.getColumnType(i + 1), "type of OID " + oids[i]);
        }
    }

    @Test
    void builtInTypesHaveTheirInternalNames() throws SQLException {
        int[] oids = {16, 21, 23, 20, 700, 701, 1700, 25, 1043, 1042, 19, 17, 1082, 1083, 1114, 1184,
            26, 114, 3802, 2950, 1000, 1005, 1007, 1016, 1021, 1022, 1009, 1015, 1231, 1028};
        String[] names = {"bool", "int2", "int4", "int8", "float4", "float8", "numeric", "text",
            "varchar", "bpchar", "name", "bytea", "date", "time", "timestamp", "timestamptz", "oid",
            "json", "jsonb", "uuid", "_bool", "_int2", "_int4", "_int8", "_float4", "_float8", "_text",
            "_varchar", "_numeric", "_oid"};
        ResultSetMetaData md = columns(oids);
        for (int i = 0; i < oids.length; i++) {
            assertEquals(names[i], md.getColumnTypeName(i + 1), "name of OID " + oids[i]);
        }
    }

    @Test
    void classNamesFollowTheRuntimesValueMapping() throws SQLException {
        ResultSetMetaData md = columns(new int[] {16, 21, 1700, 17, 1082, 26, 1007, 1009});
        assertEquals(Boolean.class.getName(), md.getColumnClassName(1));
        assertEquals(Short.class.getName(), md.getColumnClassName(2));
        assertEquals(BigDecimal.class.getName(), md.getColumnClassName(3));
        assertEquals(byte[].class.getName(), md.getColumnClassName(4));
        assertEquals(String.class.getName(), md.getColumnClassName(5), "dates arrive as text");
        assertEquals(Long.class.getName(), md.getColumnClassName(6));
        assertEquals(Integer[].class.getName(), md.getColumnClassName(7));
        assertEquals(String[].class.getName(), md.getColumnClassName(8));
    }

    @Test
    void unknownTypesNameTheClassOfTheirValues() throws SQLException {
        // 90001 stands for a composite type, 90002 for a type whose values are all NULL
        ResultSetMetaData md = columns(new int[] {90001, 90002},
                new Object[] {null, null}, new Object[] {new Object[] {1}, null});
        assertEquals(Object[].class.getName(), md.getColumnClassName(1));
        assertEquals(Object.class.getName(), md.getColumnClassName(2));
    }

    @Test
    void namesLabelsAndFlags() throws SQLException {
        ResultSetMetaData md = new SpiResultSetMetaData(new String[] {"id", "label"},
                new int[] {20, 25}, new Object[0][]);
        assertEquals("id", md.getColumnName(1));
        assertEquals("label", md.getColumnLabel(2));
        assertTrue(md.isSigned(1));
        assertFalse(md.isSigned(2));
        assertFalse(md.isCaseSensitive(1));
        assertTrue(md.isCaseSensitive(2));
        assertEquals(ResultSetMetaData.columnNullableUnknown, md.isNullable(1));
        assertTrue(md.isReadOnly(1));
        assertFalse(md.isWritable(1));
        assertFalse(md.isAutoIncrement(1));
        assertEquals("", md.getTableName(1));
        SQLException e = assertThrows(SQLException.class, () -> md.getColumnName(3));
        assertEquals("22023", e.getSQLState());
        assertThrows(SQLException.class, () -> md.getColumnType(0));
    }
}
