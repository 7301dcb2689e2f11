// PgType.java — the built-in PostgreSQL types the driver knows by OID, with their JDBC view.
package org.jcitus.pljvm.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Built-in types whose OIDs are fixed across PostgreSQL versions, each with its name,
 * its {@link Types} code and the Java class the runtime hands its values over as.
 * Other types (user-defined ones included) are looked up by the metadata when asked.
 */
enum PgType {
    BOOL(16, "bool", Types.BOOLEAN, Boolean.class),
    BYTEA(17, "bytea", Types.BINARY, byte[].class),
    NAME(19, "name", Types.VARCHAR, String.class),
    INT8(20, "int8", Types.BIGINT, Long.class),
    INT2(21, "int2", Types.SMALLINT, Short.class),
    INT4(23, "int4", Types.INTEGER, Integer.class),
    REGPROC(24, "regproc", Types.BIGINT, Long.class),
    TEXT(25, "text", Types.VARCHAR, String.class),
    OID(26, "oid", Types.BIGINT, Long.class),
    JSON(114, "json", Types.OTHER, String.class),
    FLOAT4(700, "float4", Types.REAL, Float.class),
    FLOAT8(701, "float8", Types.DOUBLE, Double.class),
    BPCHAR(1042, "bpchar", Types.CHAR, String.class),
    VARCHAR(1043, "varchar", Types.VARCHAR, String.class),
    DATE(1082, "date", Types.DATE, String.class),
    TIME(1083, "time", Types.TIME, String.class),
    TIMESTAMP(1114, "timestamp", Types.TIMESTAMP, String.class),
    TIMESTAMPTZ(1184, "timestamptz", Types.TIMESTAMP_WITH_TIMEZONE, String.class),
    INTERVAL(1186, "interval", Types.OTHER, String.class),
    TIMETZ(1266, "timetz", Types.TIME_WITH_TIMEZONE, String.class),
    NUMERIC(1700, "numeric", Types.NUMERIC, BigDecimal.class),
    REGPROCEDURE(2202, "regprocedure", Types.BIGINT, Long.class),
    REGCLASS(2205, "regclass", Types.BIGINT, Long.class),
    REGTYPE(2206, "regtype", Types.BIGINT, Long.class),
    UUID_TYPE(2950, "uuid", Types.OTHER, String.class),
    JSONB(3802, "jsonb", Types.OTHER, String.class),
    REGNAMESPACE(4089, "regnamespace", Types.BIGINT, Long.class),
    REGROLE(4096, "regrole", Types.BIGINT, Long.class),

    JSON_ARRAY(199, JSON),
    BOOL_ARRAY(1000, BOOL),
    BYTEA_ARRAY(1001, BYTEA),
    NAME_ARRAY(1003, NAME),
    INT2_ARRAY(1005, INT2),
    INT4_ARRAY(1007, INT4),
    TEXT_ARRAY(1009, TEXT),
    BPCHAR_ARRAY(1014, BPCHAR),
    VARCHAR_ARRAY(1015, VARCHAR),
    INT8_ARRAY(1016, INT8),
    FLOAT4_ARRAY(1021, FLOAT4),
    FLOAT8_ARRAY(1022, FLOAT8),
    OID_ARRAY(1028, OID),
    TIMESTAMP_ARRAY(1115, TIMESTAMP),
    DATE_ARRAY(1182, DATE),
    TIME_ARRAY(1183, TIME),
    TIMESTAMPTZ_ARRAY(1185, TIMESTAMPTZ),
    INTERVAL_ARRAY(1187, INTERVAL),
    NUMERIC_ARRAY(1231, NUMERIC),
    TIMETZ_ARRAY(1270, TIMETZ),
    UUID_ARRAY(2951, UUID_TYPE),
    JSONB_ARRAY(3807, JSONB);

    /** OID 0: no type given, so that PostgreSQL infers it from the statement */
    static final int UNKNOWN = 0;

    private static final Map<Integer, PgType> BY_OID = new HashMap<>();
    private static final Map<Integer, PgType> ARRAY_BY_ELEMENT = new HashMap<>();

    static {
        for (PgType t : values()) {
            BY_OID.put(t.oid, t);
            if (t.element != null) {
                ARRAY_BY_ELEMENT.put(t.element.oid, t);
            }
        }
    }

    final int oid;
    final String typeName;
    final int sqlType;
    final Class<?> javaClass;
    /** the element type of an array type, else null */
    final PgType element;

    PgType(int oid, String typeName, int sqlType, Class<?> javaClass) {
        this.oid = oid;
        this.typeName = typeName;
        this.sqlType = sqlType;
        this.javaClass = javaClass;
        this.element = null;
    }

    PgType(int oid, PgType element) {
        this.oid = oid;
        this.typeName = "_" + element.typeName;
        this.sqlType = Types.ARRAY;
        this.javaClass = element.javaClass.arrayType();
        this.element = element;
    }

    /** The known type with this OID, or null. */
    static PgType of(int oid) {
        return BY_OID.get(oid);
    }

    boolean isNumeric() {
        switch (sqlType) {
            case Types.SMALLINT:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.REAL:
            case Types.DOUBLE:
            case Types.NUMERIC:
                return true;
            default:
                return false;
        }
    }

    /**
     * The type OID to send with a parameter of this {@link Types} code; {@link #UNKNOWN}
     * for character types (as for setString, a literal of unknown type adapts to the
     * context, e.g. becomes a jsonb or an enum value) and for codes without one type.
     */
    static int oidForSqlType(int sqlType) {
        switch (sqlType) {
            case Types.BIT:
            case Types.BOOLEAN:
                return BOOL.oid;
            case Types.TINYINT:
            case Types.SMALLINT:
                return INT2.oid;
            case Types.INTEGER:
                return INT4.oid;
            case Types.BIGINT:
                return INT8.oid;
            case Types.REAL:
                return FLOAT4.oid;
            case Types.FLOAT:
            case Types.DOUBLE:
                return FLOAT8.oid;
            case Types.NUMERIC:
            case Types.DECIMAL:
                return NUMERIC.oid;
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return BYTEA.oid;
            case Types.DATE:
                return DATE.oid;
            case Types.TIME:
                return TIME.oid;
            case Types.TIME_WITH_TIMEZONE:
                return TIMETZ.oid;
            case Types.TIMESTAMP:
                return TIMESTAMP.oid;
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return TIMESTAMPTZ.oid;
            default:
                return UNKNOWN;
        }
    }

    /**
     * The type OID to send with a parameter given as this Java value: its scalar type, or
     * for a Java array the array type of its element class ({@link #UNKNOWN} when there is
     * none, and for strings, which PostgreSQL types from the context).
     */
    static int oidForValue(Object value) {
        Class<?> c = value.getClass();
        if (c.isArray() && c != byte[].class && c != Object[].class) {
            Class<?> element = c.getComponentType();
            if (element == String.class) {
                return TEXT_ARRAY.oid;
            }
            PgType array = ARRAY_BY_ELEMENT.get(oidForClass(element));
            return array == null ? UNKNOWN : array.oid;
        }
        return oidForClass(c);
    }

    private static int oidForClass(Class<?> c) {
        if (c == Boolean.class || c == boolean.class) {
            return BOOL.oid;
        }
        if (c == Short.class || c == short.class || c == Byte.class || c == byte.class) {
            return INT2.oid;
        }
        if (c == Integer.class || c == int.class) {
            return INT4.oid;
        }
        if (c == Long.class || c == long.class) {
            return INT8.oid;
        }
        if (c == Float.class || c == float.class) {
            return FLOAT4.oid;
        }
        if (c == Double.class || c == double.class) {
            return FLOAT8.oid;
        }
        if (c == BigDecimal.class || c == BigInteger.class) {
            return NUMERIC.oid;
        }
        if (c == byte[].class) {
            return BYTEA.oid;
        }
        if (c == java.sql.Date.class || c == LocalDate.class) {
            return DATE.oid;
        }
        if (c == java.sql.Time.class || c == LocalTime.class) {
            return TIME.oid;
        }
        if (c == OffsetTime.class) {
            return TIMETZ.oid;
        }
        if (c == java.sql.Timestamp.class || c == LocalDateTime.class) {
            return TIMESTAMP.oid;
        }
        if (c == OffsetDateTime.class || c == Instant.class || c == java.util.Date.class) {
            return TIMESTAMPTZ.oid;
        }
        if (c == UUID.class) {
            return UUID_TYPE.oid;
        }
        return UNKNOWN;
    }
}
