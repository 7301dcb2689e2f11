// SpiPreparedStatement.java — a PreparedStatement of jdbc:default:connection: SQL with parameters.
package org.jcitus.pljvm.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Calendar;

/**
 * SQL with parameters, written as JDBC's {@code ?} or PostgreSQL's {@code $1, $2, ...}
 * (see {@link Placeholders}). Each parameter goes to the backend as text plus a type OID,
 * and PostgreSQL's input function for that type reads it; OID 0 (setString, and setObject
 * for classes without an obvious type) lets PostgreSQL infer the type from the statement,
 * so a string can stand for json, an enum or any other type.
 *
 * <p>The statement is planned anew at each execution (SPI has the plan only for the call).
 */
final class SpiPreparedStatement extends SpiStatement implements PreparedStatement {
    private static final String INVALID_PARAMETER_VALUE = "22023";

    private final String sql;
    private final int[] types;
    private final String[] values;
    private final boolean[] bound;

    SpiPreparedStatement(SpiConnection connection, String sql) throws SQLException {
        super(connection);
        if (sql == null) {
            throw new SQLException("the SQL is null", "22004");
        }
        Placeholders.Translated translated = Placeholders.translate(sql);
        this.sql = translated.sql();
        int count = translated.parameterCount();
        this.types = new int[count];
        this.values = new String[count];
        this.bound = new boolean[count];
    }

    /** JDBC forbids the methods that take SQL on a PreparedStatement. */
    @Override
    String directSql(String ignored) throws SQLException {
        throw new SQLException("a PreparedStatement runs its own SQL; the methods that take SQL"
                + " cannot be used on it", "42809");
    }

    /** Every setter ends here: one parameter's type OID and text (null for NULL). */
    private void bind(int index, int oid, String text) throws SQLException {
        checkOpen();
        if (index < 1 || index > types.length) {
            throw new SQLException("parameter index " + index + " is out of range (the statement has "
                    + types.length + " parameters)", INVALID_PARAMETER_VALUE);
        }
        types[index - 1] = oid;
        values[index - 1] = text;
        bound[index - 1] = true;
    }

    private void bindValue(int index, int oid, Object value) throws SQLException {
        bind(index, oid, TextForms.text(value));
    }

    /** The parameters to send, once all are set; null when the statement has none. */
    private int[] typesToSend() throws SQLException {
        checkOpen();
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw new SQLException("parameter $" + (i + 1) + " is not set", INVALID_PARAMETER_VALUE);
            }
        }
        return types.length == 0 ? null : types;
    }

    private String[] valuesToSend() {
        return values.length == 0 ? null : values;
    }

    @Override
    public boolean execute() throws SQLException {
        return run(sql, typesToSend(), valuesToSend());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return query(sql, typesToSend(), valuesToSend());
    }

    /** The number of rows processed; 0 for statements that report none (DDL). */
    @Override
    public int executeUpdate() throws SQLException {
        return toIntCount(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update(sql, typesToSend(), valuesToSend());
    }

    /** Adds the statement with the parameters as they are now; each batch entry runs in turn. */
    @Override
    public void addBatch() throws SQLException {
        int[] t = typesToSend();
        addToBatch(new Batched(sql, t == null ? null : t.clone(),
                t == null ? null : values.clone()));
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(types, PgType.UNKNOWN);
        Arrays.fill(values, null);
        Arrays.fill(bound, false);
    }

    /** The columns of the last result set, or null before the statement returned one. */
    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return lastMetaData();
    }

    // ---- setters ----

    /** NULL, of the type the JDBC type code stands for (unknown for character types). */
    @Override
    public void setNull(int parameterIndex, int sqlType) throws SQLException {
        bind(parameterIndex, PgType.oidForSqlType(sqlType), null);
    }

    /** As {@link #setNull(int, int)}; the type name is not used. */
    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        setNull(parameterIndex, sqlType);
    }

    @Override
    public void setBoolean(int parameterIndex, boolean x) throws SQLException {
        bindValue(parameterIndex, PgType.BOOL.oid, x);
    }

    /** As an int2: PostgreSQL has no one-byte integer. */
    @Override
    public void setByte(int parameterIndex, byte x) throws SQLException {
        bindValue(parameterIndex, PgType.INT2.oid, x);
    }

    @Override
    public void setShort(int parameterIndex, short x) throws SQLException {
        bindValue(parameterIndex, PgType.INT2.oid, x);
    }

    @Override
    public void setInt(int parameterIndex, int x) throws SQLException {
        bindValue(parameterIndex, PgType.INT4.oid, x);
    }

    @Override
    public void setLong(int parameterIndex, long x) throws SQLException {
        bindValue(parameterIndex, PgType.INT8.oid, x);
    }

    @Override
    public void setFloat(int parameterIndex, float x) throws SQLException {
        bindValue(parameterIndex, PgType.FLOAT4.oid, x);
    }

    @Override
    public void setDouble(int parameterIndex, double x) throws SQLException {
        bindValue(parameterIndex, PgType.FLOAT8.oid, x);
    }

    @Override
    public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
        bindValue(parameterIndex, PgType.NUMERIC.oid, x);
    }

    /** Sent with no type, so that PostgreSQL reads it as whatever type the statement needs there. */
    @Override
    public void setString(int parameterIndex, String x) throws SQLException {
        bind(parameterIndex, PgType.UNKNOWN, x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        setString(parameterIndex, value);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        bindValue(parameterIndex, PgType.BYTEA.oid, x);
    }

    @Override
    public void setDate(int parameterIndex, Date x) throws SQLException {
        bindValue(parameterIndex, PgType.DATE.oid, x);
    }

    @Override
    public void setTime(int parameterIndex, Time x) throws SQLException {
        bindValue(parameterIndex, PgType.TIME.oid, x);
    }

    /** As a timestamp without time zone, in the JVM's time zone (as Timestamp.toString writes it). */
    @Override
    public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
        bindValue(parameterIndex, PgType.TIMESTAMP.oid, x);
    }

    /** The date as it is in the calendar's time zone. */
    @Override
    public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
        bindValue(parameterIndex, PgType.DATE.oid,
                x == null ? null : inZone(x.getTime(), 0, cal).toLocalDate());
    }

    /** The time of day as it is in the calendar's time zone. */
    @Override
    public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
        bindValue(parameterIndex, PgType.TIME.oid,
                x == null ? null : inZone(x.getTime(), 0, cal).toLocalTime());
    }

    /** The date and time as they are in the calendar's time zone. */
    @Override
    public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
        bindValue(parameterIndex, PgType.TIMESTAMP.oid,
                x == null ? null : inZone(x.getTime(), x.getNanos(), cal)
                        .toLocalDateTime());
    }

    /** An instant (epoch milliseconds, its sub-second part replaced by nanos if any) in cal's zone. */
    private static ZonedDateTime inZone(long millis, int nanos, Calendar cal) {
        ZoneId zone = cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
        Instant instant = nanos == 0 ? Instant.ofEpochMilli(millis)
                : Instant.ofEpochSecond(Math.floorDiv(millis, 1000), nanos);
        return instant.atZone(zone);
    }

    /**
     * The value with the type its class suggests: the boxed primitives, BigDecimal and
     * BigInteger, byte[] (bytea), the java.sql and java.time date and time classes, UUID,
     * and Java arrays of those (sent as array literals such as {@code {1,2,NULL}});
     * anything else, strings included, as its text with the type left to PostgreSQL.
     */
    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        if (x == null) {
            bind(parameterIndex, PgType.UNKNOWN, null);
        } else {
            bindValue(parameterIndex, PgType.oidForValue(x), x);
        }
    }

    /** The value's text, with the type the JDBC type code stands for (ARRAY: from the Java array). */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        if (x == null) {
            setNull(parameterIndex, targetSqlType);
            return;
        }
        int oid = targetSqlType == Types.ARRAY
                ? PgType.oidForValue(x) : PgType.oidForSqlType(targetSqlType);
        PgType target = PgType.of(oid);
        if (x instanceof Boolean && target != null && target.isNumeric()) {
            // int4in and friends do not read t/f
            bind(parameterIndex, oid, ((Boolean) x) ? "1" : "0");
        } else {
            bindValue(parameterIndex, oid, x);
        }
    }

    /** As {@link #setObject(int, Object, int)}; for DECIMAL and NUMERIC, numbers are rounded (half up) to the scale. */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
            throws SQLException {
        if (x instanceof Number
                && (targetSqlType == Types.DECIMAL || targetSqlType == Types.NUMERIC)) {
            BigDecimal decimal;
            try {
                decimal = x instanceof BigDecimal ? (BigDecimal) x : new BigDecimal(x.toString());
            } catch (NumberFormatException e) {
                throw new SQLException("cannot convert " + x + " to NUMERIC", "22018", e);
            }
            x = decimal.setScale(scaleOrLength, RoundingMode.HALF_UP);
        }
        setObject(parameterIndex, x, targetSqlType);
    }

    /** For {@link JDBCType} codes only. */
    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        setObject(parameterIndex, x, jdbcTypeNumber(targetSqlType));
    }

    /** For {@link JDBCType} codes only. */
    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        setObject(parameterIndex, x, jdbcTypeNumber(targetSqlType), scaleOrLength);
    }

    private static int jdbcTypeNumber(SQLType type) throws SQLException {
        if (!(type instanceof JDBCType)) {
            throw Unsupported.method("setObject with a vendor SQLType");
        }
        return type.getVendorTypeNumber();
    }

    // ---- streams: read in full, then sent as bytea or as a string ----

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        setBinaryStream(parameterIndex, x, -1L);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setBinaryStream(parameterIndex, x, (long) length);
    }

    /** At most length bytes of the stream, as bytea. */
    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setBytes(parameterIndex, x == null ? null : readBytes(x, length));
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setAsciiStream(parameterIndex, x, -1L);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setAsciiStream(parameterIndex, x, (long) length);
    }

    /** At most length bytes of ASCII text, as a string. */
    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setString(parameterIndex,
                x == null ? null : new String(readBytes(x, length), StandardCharsets.US_ASCII));
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setCharacterStream(parameterIndex, reader, -1L);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length)
            throws SQLException {
        setCharacterStream(parameterIndex, reader, (long) length);
    }

    /** At most length characters, as a string. */
    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length)
            throws SQLException {
        setString(parameterIndex, reader == null ? null : readChars(reader, length));
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setCharacterStream(parameterIndex, value, -1L);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length)
            throws SQLException {
        setCharacterStream(parameterIndex, value, length);
    }

    /** All of the stream when length is negative. */
    private static byte[] readBytes(InputStream in, long length) throws SQLException {
        try {
            return length < 0 ? in.readAllBytes() : in.readNBytes(streamLength(length));
        } catch (IOException e) {
            throw new SQLException("cannot read the parameter's stream", "58030", e);
        }
    }

    /** All of the reader when length is negative. */
    private static String readChars(Reader reader, long length) throws SQLException {
        StringBuilder s = new StringBuilder();
        char[] buffer = new char[8192];
        long wanted = length < 0 ? Long.MAX_VALUE : streamLength(length);
        try {
            while (s.length() < wanted) {
                int n = reader.read(buffer, 0, (int) Math.min(buffer.length, wanted - s.length()));
                if (n < 0) {
                    break;
                }
                s.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new SQLException("cannot read the parameter's stream", "58030", e);
        }
        return s.toString();
    }

    private static int streamLength(long length) throws SQLException {
        // a parameter is one Java string or array, which cannot be longer
        if (length > Integer.MAX_VALUE - 8) {
            throw new SQLException("the stream length " + length + " is too large", "54000");
        }
        return (int) length;
    }

    @Override
    public String toString() {
        return sql;
    }

    // ---- not supported ----

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        throw Unsupported.method("getParameterMetaData");
    }

    /** @deprecated as in JDBC */
    @Deprecated
    @Override
    public void setUnicodeStream(int parameterIndex, InputStream x, int length)
            throws SQLException {
        throw Unsupported.method("setUnicodeStream");
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        throw Unsupported.method("setRef");
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        throw Unsupported.method("setBlob");
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length)
            throws SQLException {
        throw Unsupported.method("setBlob");
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        throw Unsupported.method("setBlob");
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        throw Unsupported.method("setClob");
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        throw Unsupported.method("setClob");
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        throw Unsupported.method("setClob");
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        throw Unsupported.method("setNClob");
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        throw Unsupported.method("setNClob");
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        throw Unsupported.method("setNClob");
    }

    /** Not supported; pass a Java array to setObject instead. */
    @Override
    public void setArray(int parameterIndex, java.sql.Array x) throws SQLException {
        throw Unsupported.method("setArray");
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        throw Unsupported.method("setURL");
    }

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw Unsupported.method("setRowId");
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
        throw Unsupported.method("setSQLXML");
    }
}
