// SpiResultSetMetaData.java — the columns of a result of jdbc:default:connection: names and types.
package org.jcitus.pljvm.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;

import org.jcitus.pljvm.Backend;

/**
 * Column names and types of a result. Built-in types are described from {@link PgType}
 * without asking the backend; other types (user-defined ones, and built-ins the table
 * lacks) are looked up in pg_type the first time they are asked about, which needs the
 * backend thread. Nothing is known of the columns' tables, precision or nullability.
 */
final class SpiResultSetMetaData implements ResultSetMetaData {
    private final String[] names;
    private final int[] types;
    /** for columns of types PgType lacks: the class of the first non-null value, else null */
    private final Class<?>[] valueClasses;
    private final Map<Integer, LookedUp> lookedUp = new HashMap<>();

    /** What pg_type says of a type PgType lacks. */
    private record LookedUp(String name, boolean array) {
    }

    SpiResultSetMetaData(String[] names, int[] types, Object[][] rows) {
        this.names = names;
        this.types = types;
        this.valueClasses = new Class<?>[types.length];
        for (int c = 0; c < types.length; c++) {
            if (PgType.of(types[c]) != null) {
                continue;
            }
            for (Object[] row : rows) {
                if (row[c] != null) {
                    valueClasses[c] = row[c].getClass();
                    break;
                }
            }
        }
    }

    /** The type OID of a column, checking the index. */
    private int oid(int column) throws SQLException {
        if (column < 1 || column > types.length) {
            throw new SQLException("column index " + column + " is out of range (the result has "
                    + types.length + " columns)", "22023");
        }
        return types[column - 1];
    }

    private PgType known(int column) throws SQLException {
        return PgType.of(oid(column));
    }

    private LookedUp lookUp(int oid) throws SQLException {
        LookedUp type = lookedUp.get(oid);
        if (type == null) {
            // OIDs are unsigned; those of recent user types may not fit in a positive int
            String text = Integer.toUnsignedString(oid);
            SpiResult r = Backend.execute("SELECT pg_catalog.format_type(oid, NULL), typcategory = 'A'"
                            + " FROM pg_catalog.pg_type WHERE oid = $1",
                    new int[] {PgType.OID.oid}, new String[] {text}, 0);
            Object[][] rows = r.rows();
            // a type dropped since the statement ran has only its number left
            type = rows.length == 0 ? new LookedUp(text, false)
                    : new LookedUp((String) rows[0][0], Boolean.TRUE.equals(rows[0][1]));
            lookedUp.put(oid, type);
        }
        return type;
    }

    @Override
    public int getColumnCount() {
        return names.length;
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        oid(column);
        return names[column - 1];
    }

    /** The column's name: PostgreSQL has no separate label. */
    @Override
    public String getColumnLabel(int column) throws SQLException {
        return getColumnName(column);
    }

    /** The {@link Types} code: ARRAY for arrays, OTHER for types JDBC lacks (json, uuid, composites, ...). */
    @Override
    public int getColumnType(int column) throws SQLException {
        PgType type = known(column);
        if (type != null) {
            return type.sqlType;
        }
        return lookUp(oid(column)).array() ? Types.ARRAY : Types.OTHER;
    }

    /** PostgreSQL's internal name for built-in types (int4, _text); format_type's for others. */
    @Override
    public String getColumnTypeName(int column) throws SQLException {
        PgType type = known(column);
        return type != null ? type.typeName : lookUp(oid(column)).name();
    }

    /** The class of the values getObject returns. */
    @Override
    public String getColumnClassName(int column) throws SQLException {
        PgType type = known(column);
        if (type != null) {
            return type.javaClass.getName();
        }
        Class<?> seen = valueClasses[column - 1];
        return seen != null ? seen.getName() : Object.class.getName();
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        PgType type = known(column);
        return type != null && type.isNumeric();
    }

    /** True for character types and types not known here (such as enums); false for numbers, dates, ... */
    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        PgType type = known(column);
        if (type == null) {
            return true;
        }
        switch (type) {
            case TEXT:
            case VARCHAR:
            case BPCHAR:
            case NAME:
            case JSON:
            case JSONB:
                return true;
            default:
                return false;
        }
    }

    @Override
    public int isNullable(int column) throws SQLException {
        oid(column);
        return ResultSetMetaData.columnNullableUnknown;
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        oid(column);
        return false;
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        oid(column);
        return true;
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        oid(column);
        return false;
    }

    /** 0: not known. */
    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        oid(column);
        return 0;
    }

    /** 0: not known. */
    @Override
    public int getPrecision(int column) throws SQLException {
        oid(column);
        return 0;
    }

    /** 0: not known. */
    @Override
    public int getScale(int column) throws SQLException {
        oid(column);
        return 0;
    }

    /** "": not known. */
    @Override
    public String getSchemaName(int column) throws SQLException {
        oid(column);
        return "";
    }

    /** "": not known. */
    @Override
    public String getTableName(int column) throws SQLException {
        oid(column);
        return "";
    }

    /** "": not known. */
    @Override
    public String getCatalogName(int column) throws SQLException {
        oid(column);
        return "";
    }

    /** True: result sets cannot change rows. */
    @Override
    public boolean isReadOnly(int column) throws SQLException {
        oid(column);
        return true;
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        oid(column);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        oid(column);
        return false;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrappers.unwrap(this, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
