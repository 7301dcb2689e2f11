// SpiResultSet.java — the rows of one statement run through SPI, read through JDBC's getters.
package org.jcitus.pljvm.jdbc;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A forward-only, read-only result set over rows already read in full. Values are those
 * the runtime hands over (see {@link SpiResult}); the getters convert them as JDBC asks:
 * getString gives PostgreSQL's text form, numeric getters check ranges (fractions are
 * dropped, as a Java cast does) and read numbers from strings, and the date and time
 * getters read PostgreSQL's ISO text form (DateStyle ISO, the default).
 */
final class SpiResultSet extends ReadOnlyResultSet {
    /** SQLSTATE invalid_cursor_state: closed, or not on a row */
    private static final String INVALID_CURSOR_STATE = "24000";
    private static final String INVALID_PARAMETER_VALUE = "22023";
    private static final String OUT_OF_RANGE = "22003";
    /** SQLSTATE invalid_character_value_for_cast */
    private static final String CANNOT_CONVERT = "22018";
    private static final String INVALID_DATETIME = "22007";

    private final SpiStatement statement;
    private final String[] columnNames;
    private final int[] columnTypes;
    private final Object[][] rows;
    /** 0 before the first row, rows.length + 1 after the last */
    private int row;
    private boolean closed;
    private boolean wasNull;
    private int fetchSize;
    private SpiResultSetMetaData metaData;
    private Map<String, Integer> columnsByName;

    /** statement: the one that produced the result, or null. */
    SpiResultSet(SpiStatement statement, SpiResult result) {
        this.statement = statement;
        this.columnNames = result.columnNames() == null ? new String[0] : result.columnNames();
        this.columnTypes = result.columnTypes() == null ? new int[0] : result.columnTypes();
        this.rows = result.rows() == null ? new Object[0][] : result.rows();
    }

    /** The columns, without checking that the result set is open (for the statement). */
    SpiResultSetMetaData metaData() {
        if (metaData == null) {
            metaData = new SpiResultSetMetaData(columnNames, columnTypes, rows);
        }
        return metaData;
    }

    @Override
    void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed", INVALID_CURSOR_STATE);
        }
    }

    /** The value of a column of the current row; every getter starts here. */
    private Object value(int column) throws SQLException {
        checkOpen();
        if (column < 1 || column > columnNames.length) {
            throw new SQLException("column index " + column + " is out of range (the result has "
                    + columnNames.length + " columns)", INVALID_PARAMETER_VALUE);
        }
        if (row < 1 || row > rows.length) {
            throw new SQLException("no current row", INVALID_CURSOR_STATE);
        }
        Object v = rows[row - 1][column - 1];
        wasNull = v == null;
        return v;
    }

    private static SQLException cannotConvert(Object value, String target) {
        return new SQLException("cannot convert " + describe(value) + " to " + target, CANNOT_CONVERT);
    }

    private static SQLException outOfRange(Object value, String target) {
        return new SQLException("value " + describe(value) + " is out of range for " + target,
                OUT_OF_RANGE);
    }

    private static String describe(Object value) {
        String text = TextForms.text(value);
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return "\"" + text + "\" (" + value.getClass().getSimpleName() + ")";
    }

    // ---- cursor ----

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (row <= rows.length) {
            row++;
        }
        return row <= rows.length;
    }

    /** Closes the result set (and its statement, if that is to close on completion). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (statement != null) {
            statement.resultSetClosed(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Whether the last value read was SQL NULL. */
    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    /** The 1-based number of the current row, 0 if there is none. */
    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row >= 1 && row <= rows.length ? row : 0;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && rows.length > 0;
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return row > rows.length && rows.length > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && rows.length > 0;
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return row == rows.length && rows.length > 0;
    }

    /** The 1-based index of the first column with this name, ignoring case. */
    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (columnsByName == null) {
            columnsByName = new HashMap<>();
            for (int i = 0; i < columnNames.length; i++) {
                columnsByName.putIfAbsent(columnNames[i].toLowerCase(Locale.ROOT), i + 1);
            }
        }
        Integer index = columnLabel == null ? null
                : columnsByName.get(columnLabel.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw new SQLException("column \"" + columnLabel + "\" does not exist in the result",
                    "42703");
        }
        return index;
    }

    // ---- getters by index ----

    /**
     * PostgreSQL's text form of the value: t/f for booleans, {@code \x...} for bytea,
     * {@code {1,2}} for arrays, {@code (1,x)} for composites, numbers as PostgreSQL
     * writes them.
     */
    @Override
    public String getString(int columnIndex) throws SQLException {
        return TextForms.text(value(columnIndex));
    }

    /** As getString: PostgreSQL has no separate national character types. */
    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    /**
     * A boolean; a number is true unless zero; a string is read as PostgreSQL's boolean
     * input does (t, true, y, yes, on, 1 and their opposites, in any case). NULL is false.
     */
    @Override
    public boolean getBoolean(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).signum() != 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof Number) {
            return ((Number) v).longValue() != 0;
        }
        if (v instanceof String) {
            switch (((String) v).trim().toLowerCase(Locale.ROOT)) {
                case "t":
                case "true":
                case "y":
                case "yes":
                case "on":
                case "1":
                    return true;
                case "f":
                case "false":
                case "n":
                case "no":
                case "off":
                case "0":
                    return false;
                default:
                    break;
            }
        }
        throw cannotConvert(v, "boolean");
    }

    @Override
    public byte getByte(int columnIndex) throws SQLException {
        return (byte) integral(columnIndex, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
    }

    @Override
    public short getShort(int columnIndex) throws SQLException {
        return (short) integral(columnIndex, Short.MIN_VALUE, Short.MAX_VALUE, "short");
    }

    @Override
    public int getInt(int columnIndex) throws SQLException {
        return (int) integral(columnIndex, Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
    }

    @Override
    public long getLong(int columnIndex) throws SQLException {
        return integral(columnIndex, Long.MIN_VALUE, Long.MAX_VALUE, "long");
    }

    /** The value as a whole number in [min, max]: fractions are dropped, NULL is 0. */
    private long integral(int column, long min, long max, String target) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            long l = ((Number) v).longValue();
            if (l < min || l > max) {
                throw outOfRange(v, target);
            }
            return l;
        }
        BigDecimal d = decimal(v, target);
        // compared before truncating: setScale on a huge exponent (1e999999) would take ages
        if (d.compareTo(BigDecimal.valueOf(min).subtract(BigDecimal.ONE)) <= 0
                || d.compareTo(BigDecimal.valueOf(max).add(BigDecimal.ONE)) >= 0) {
            throw outOfRange(v, target);
        }
        if (d.abs().compareTo(BigDecimal.ONE) < 0) {
            return 0;
        }
        return d.setScale(0, RoundingMode.DOWN).longValueExact();
    }

    /** A non-null value as a BigDecimal, if it is a finite number, a boolean or a numeric string. */
    private static BigDecimal decimal(Object v, String target) throws SQLException {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw outOfRange(v, target);
            }
            // Float.toString: the float's own shortest digits, not those of its double widening
            return new BigDecimal(v instanceof Float ? Float.toString((Float) v) : Double.toString(d));
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(v, target);
            }
        }
        throw cannotConvert(v, target);
    }

    @Override
    public float getFloat(int columnIndex) throws SQLException {
        double d = floating(columnIndex, "float");
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
            throw outOfRange(d, "float");
        }
        return f;
    }

    @Override
    public double getDouble(int columnIndex) throws SQLException {
        return floating(columnIndex, "double");
    }

    /** The value as a double (NaN and the infinities included); NULL is 0. */
    private double floating(int column, String target) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            // a numeric beyond double's range
            if (Double.isInfinite(d) && v instanceof BigDecimal) {
                throw outOfRange(v, target);
            }
            return d;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof String) {
            try {
                // also reads NaN, Infinity and -Infinity as float8out writes them
                return Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                throw cannotConvert(v, target);
            }
        }
        throw cannotConvert(v, target);
    }

    @Override
    public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        return v == null ? null : decimal(v, "BigDecimal");
    }

    /** @deprecated as in JDBC; rounds half up to the scale */
    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(columnIndex);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    /** The bytes of a bytea value (the result set's own array, not a copy). */
    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        Object v = value(columnIndex);
        if (v == null || v instanceof byte[]) {
            return (byte[]) v;
        }
        throw cannotConvert(v, "byte[]");
    }

    /** The value as the runtime hands it over (see {@link SpiResult}). */
    @Override
    public Object getObject(int columnIndex) throws SQLException {
        return value(columnIndex);
    }

    /** As {@link #getObject(int)}; custom type maps are not supported. */
    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw Unsupported.method("getObject with a type map");
        }
        return getObject(columnIndex);
    }

    /**
     * The value as the given class: its own class or a superclass; String, the boxed
     * numbers, Boolean, BigDecimal, BigInteger and byte[] (as their getters convert);
     * java.sql.Date, Time and Timestamp; LocalDate (date), LocalTime (time), OffsetTime
     * (timetz), LocalDateTime (timestamp) and OffsetDateTime (timestamptz); UUID; and
     * arrays: an array value as a primitive array without NULLs, or as String[] of its
     * elements' text forms. NULL is null.
     */
    @Override
    public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
        if (type == null) {
            throw new SQLException("the class is null", INVALID_PARAMETER_VALUE);
        }
        Object v = value(columnIndex);
        if (v == null || type.isInstance(v)) {
            return type.cast(v);
        }
        return type.cast(convert(columnIndex, v, type));
    }

    private Object convert(int column, Object v, Class<?> type) throws SQLException {
        if (type == String.class) {
            return getString(column);
        } else if (type == Integer.class) {
            return getInt(column);
        } else if (type == Long.class) {
            return getLong(column);
        } else if (type == Short.class) {
            return getShort(column);
        } else if (type == Byte.class) {
            return getByte(column);
        } else if (type == Boolean.class) {
            return getBoolean(column);
        } else if (type == Double.class) {
            return getDouble(column);
        } else if (type == Float.class) {
            return getFloat(column);
        } else if (type == BigDecimal.class) {
            return getBigDecimal(column);
        } else if (type == BigInteger.class) {
            return getBigDecimal(column).toBigInteger();
        } else if (type == byte[].class) {
            return getBytes(column);
        } else if (type == Date.class) {
            return getDate(column);
        } else if (type == Time.class) {
            return getTime(column);
        } else if (type == Timestamp.class) {
            return getTimestamp(column);
        } else if (type == LocalDate.class || type == LocalTime.class || type == OffsetTime.class
                || type == LocalDateTime.class || type == OffsetDateTime.class) {
            return javaTime(v, type);
        } else if (type == UUID.class && v instanceof String) {
            try {
                return UUID.fromString((String) v);
            } catch (IllegalArgumentException e) {
                throw cannotConvert(v, "UUID");
            }
        } else if (type.isArray() && v.getClass().isArray()) {
            return convertArray(v, type);
        }
        throw cannotConvert(v, type.getName());
    }

    /** Only the java.time class that matches the SQL type, so that no time zone is guessed. */
    private static Object javaTime(Object v, Class<?> type) throws SQLException {
        TextForms.DateTime t = dateTime(v, type.getSimpleName());
        boolean date = t.date() != null;
        boolean time = t.time() != null;
        boolean offset = t.offset() != null;
        if (type == LocalDate.class && date && !time) {
            return t.date();
        } else if (type == LocalTime.class && !date && time && !offset) {
            return t.time();
        } else if (type == OffsetTime.class && !date && offset) {
            return OffsetTime.of(t.time(), t.offset());
        } else if (type == LocalDateTime.class && date && time && !offset) {
            return LocalDateTime.of(t.date(), t.time());
        } else if (type == OffsetDateTime.class && date && offset) {
            return OffsetDateTime.of(t.date(), t.time(), t.offset());
        }
        throw cannotConvert(v, type.getSimpleName());
    }

    private static Object convertArray(Object v, Class<?> type) throws SQLException {
        Class<?> element = type.getComponentType();
        int n = java.lang.reflect.Array.getLength(v);
        Object result = java.lang.reflect.Array.newInstance(element, n);
        for (int i = 0; i < n; i++) {
            Object e = java.lang.reflect.Array.get(v, i);
            if (e == null) {
                if (element.isPrimitive()) {
                    throw new SQLException("the array has a NULL at index " + (i + 1)
                            + ", which a " + type.getSimpleName() + " cannot hold", "22004");
                }
                continue;
            }
            if (element == String.class) {
                e = TextForms.text(e);
            }
            try {
                // unboxes and widens for primitive arrays (Integer into long[])
                java.lang.reflect.Array.set(result, i, e);
            } catch (IllegalArgumentException mismatch) {
                throw cannotConvert(v, type.getSimpleName());
            }
        }
        return result;
    }

    // ---- dates and times, read from PostgreSQL's ISO text form ----

    private static TextForms.DateTime dateTime(Object v, String target) throws SQLException {
        if (!(v instanceof String)) {
            throw cannotConvert(v, target);
        }
        try {
            return TextForms.parseDateTime((String) v);
        } catch (DateTimeException e) {
            throw new SQLException("cannot convert \"" + v + "\" to " + target, INVALID_DATETIME, e);
        }
    }

    /** A value with a date, as an instant: at its own offset if it has one, else in the zone. */
    private static Instant instant(TextForms.DateTime t, ZoneId zone) {
        LocalDateTime local = t.date().atTime(t.time() == null ? LocalTime.MIDNIGHT : t.time());
        return t.offset() != null ? local.toInstant(t.offset()) : local.atZone(zone).toInstant();
    }

    private static ZoneId zone(Calendar cal) {
        return cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
    }

    private static SQLException noDate(Object v, String target) {
        return new SQLException("cannot convert \"" + v + "\" to " + target + ": it has no date",
                INVALID_DATETIME);
    }

    @Override
    public Date getDate(int columnIndex) throws SQLException {
        return getDate(columnIndex, null);
    }

    /**
     * The date of a date or timestamp; a timestamptz's date is the one in the calendar's
     * time zone (the JVM's without one).
     */
    @Override
    public Date getDate(int columnIndex, Calendar cal) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        TextForms.DateTime t = dateTime(v, "Date");
        if (t.date() == null) {
            throw noDate(v, "Date");
        }
        ZoneId zone = zone(cal);
        LocalDate date = t.offset() == null ? t.date() : instant(t, zone).atZone(zone).toLocalDate();
        return new Date(date.atStartOfDay(zone).toInstant().toEpochMilli());
    }

    @Override
    public Time getTime(int columnIndex) throws SQLException {
        return getTime(columnIndex, null);
    }

    /**
     * The time of day of a time or timestamp, in the calendar's time zone (the JVM's
     * without one); a timetz's offset is ignored, a timestamptz is converted.
     */
    @Override
    public Time getTime(int columnIndex, Calendar cal) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        TextForms.DateTime t = dateTime(v, "Time");
        if (t.time() == null) {
            throw new SQLException("cannot convert \"" + v + "\" to Time: it has no time of day",
                    INVALID_DATETIME);
        }
        ZoneId zone = zone(cal);
        LocalTime time = t.date() == null || t.offset() == null ? t.time()
                : instant(t, zone).atZone(zone).toLocalTime();
        return new Time(LocalDate.EPOCH.atTime(time).atZone(zone).toInstant().toEpochMilli());
    }

    @Override
    public Timestamp getTimestamp(int columnIndex) throws SQLException {
        return getTimestamp(columnIndex, null);
    }

    /**
     * A timestamp or date (at midnight); a timestamptz at its own offset, one without
     * time zone in the calendar's time zone (the JVM's without one).
     */
    @Override
    public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
        Object v = value(columnIndex);
        if (v == null) {
            return null;
        }
        TextForms.DateTime t = dateTime(v, "Timestamp");
        if (t.date() == null) {
            throw noDate(v, "Timestamp");
        }
        return Timestamp.from(instant(t, zone(cal)));
    }

    // ---- streams over getString and getBytes ----

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    /** The text form, with characters outside ASCII as '?'. */
    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    // ---- getters by label: the first column of that name, ignoring case ----

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    /** @deprecated as in JDBC */
    @Deprecated
    @Override
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar cal) throws SQLException {
        return getDate(findColumn(columnLabel), cal);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar cal) throws SQLException {
        return getTime(findColumn(columnLabel), cal);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(columnLabel), cal);
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    // ---- properties ----

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return metaData();
    }

    /** The statement that produced the result set (null for one made without). */
    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return ResultSet.FETCH_FORWARD;
    }

    /** Only {@link ResultSet#FETCH_FORWARD}. */
    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw Unsupported.method("a fetch direction other than FETCH_FORWARD");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    /** Accepted and ignored: the rows are all here already. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("the fetch size is negative", INVALID_PARAMETER_VALUE);
        }
        fetchSize = rows;
    }

    // ---- not supported: moving other than forward, and the other value classes ----

    @Override
    public void beforeFirst() throws SQLException {
        throw Unsupported.method("beforeFirst on a forward-only result set");
    }

    @Override
    public void afterLast() throws SQLException {
        throw Unsupported.method("afterLast on a forward-only result set");
    }

    @Override
    public boolean first() throws SQLException {
        throw Unsupported.method("first on a forward-only result set");
    }

    @Override
    public boolean last() throws SQLException {
        throw Unsupported.method("last on a forward-only result set");
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw Unsupported.method("absolute on a forward-only result set");
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw Unsupported.method("relative on a forward-only result set");
    }

    @Override
    public boolean previous() throws SQLException {
        throw Unsupported.method("previous on a forward-only result set");
    }

    @Override
    public String getCursorName() throws SQLException {
        throw Unsupported.method("getCursorName");
    }

    /** Not supported; getObject gives an array value as a Java array. */
    @Override
    public java.sql.Array getArray(int columnIndex) throws SQLException {
        throw Unsupported.method("getArray");
    }

    /** Not supported; getObject gives an array value as a Java array. */
    @Override
    public java.sql.Array getArray(String columnLabel) throws SQLException {
        throw Unsupported.method("getArray");
    }

    /** @deprecated as in JDBC */
    @Deprecated
    @Override
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        throw Unsupported.method("getUnicodeStream");
    }

    /** @deprecated as in JDBC */
    @Deprecated
    @Override
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        throw Unsupported.method("getUnicodeStream");
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw Unsupported.method("getRef");
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        throw Unsupported.method("getRef");
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        throw Unsupported.method("getBlob");
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        throw Unsupported.method("getBlob");
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        throw Unsupported.method("getClob");
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        throw Unsupported.method("getClob");
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw Unsupported.method("getNClob");
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        throw Unsupported.method("getNClob");
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        throw Unsupported.method("getURL");
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        throw Unsupported.method("getURL");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw Unsupported.method("getRowId");
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        throw Unsupported.method("getRowId");
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw Unsupported.method("getSQLXML");
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        throw Unsupported.method("getSQLXML");
    }
}
