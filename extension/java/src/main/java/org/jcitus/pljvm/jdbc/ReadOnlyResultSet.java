// ReadOnlyResultSet.java — the updating half of java.sql.ResultSet, which read-only result sets refuse.
package org.jcitus.pljvm.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * Refuses every method of {@link ResultSet} that changes rows, so that
 * {@link SpiResultSet} holds only what it does. Results of jdbc:default:connection are
 * read-only: change rows with UPDATE, INSERT or DELETE instead.
 */
abstract class ReadOnlyResultSet extends JdbcResource implements ResultSet {
    @Override
    public boolean rowUpdated() throws SQLException {
        throw Unsupported.method("rowUpdated");
    }

    @Override
    public boolean rowInserted() throws SQLException {
        throw Unsupported.method("rowInserted");
    }

    @Override
    public boolean rowDeleted() throws SQLException {
        throw Unsupported.method("rowDeleted");
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw Unsupported.method("updateNull");
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw Unsupported.method("updateBoolean");
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw Unsupported.method("updateByte");
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw Unsupported.method("updateShort");
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw Unsupported.method("updateInt");
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw Unsupported.method("updateLong");
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw Unsupported.method("updateFloat");
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw Unsupported.method("updateDouble");
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw Unsupported.method("updateBigDecimal");
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw Unsupported.method("updateString");
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw Unsupported.method("updateBytes");
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw Unsupported.method("updateDate");
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw Unsupported.method("updateTime");
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw Unsupported.method("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateObject(int columnIndex, Object x, int length) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw Unsupported.method("updateNull");
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw Unsupported.method("updateBoolean");
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw Unsupported.method("updateByte");
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw Unsupported.method("updateShort");
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw Unsupported.method("updateInt");
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw Unsupported.method("updateLong");
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw Unsupported.method("updateFloat");
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw Unsupported.method("updateDouble");
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw Unsupported.method("updateBigDecimal");
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw Unsupported.method("updateString");
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw Unsupported.method("updateBytes");
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw Unsupported.method("updateDate");
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw Unsupported.method("updateTime");
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw Unsupported.method("updateTimestamp");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateObject(String columnLabel, Object x, int length) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw Unsupported.method("updateObject");
    }

    @Override
    public void insertRow() throws SQLException {
        throw Unsupported.method("insertRow");
    }

    @Override
    public void updateRow() throws SQLException {
        throw Unsupported.method("updateRow");
    }

    @Override
    public void deleteRow() throws SQLException {
        throw Unsupported.method("deleteRow");
    }

    @Override
    public void refreshRow() throws SQLException {
        throw Unsupported.method("refreshRow");
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw Unsupported.method("cancelRowUpdates");
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw Unsupported.method("moveToInsertRow");
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw Unsupported.method("moveToCurrentRow");
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw Unsupported.method("updateRef");
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw Unsupported.method("updateRef");
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw Unsupported.method("updateArray");
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw Unsupported.method("updateArray");
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw Unsupported.method("updateRowId");
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw Unsupported.method("updateRowId");
    }

    @Override
    public void updateNString(int columnIndex, String x) throws SQLException {
        throw Unsupported.method("updateNString");
    }

    @Override
    public void updateNString(String columnLabel, String x) throws SQLException {
        throw Unsupported.method("updateNString");
    }

    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
        throw Unsupported.method("updateSQLXML");
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
        throw Unsupported.method("updateSQLXML");
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw Unsupported.method("updateNCharacterStream");
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        throw Unsupported.method("updateAsciiStream");
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        throw Unsupported.method("updateBinaryStream");
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw Unsupported.method("updateCharacterStream");
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x) throws SQLException {
        throw Unsupported.method("updateBlob");
    }

    @Override
    public void updateClob(int columnIndex, Reader x) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateClob(String columnLabel, Reader x) throws SQLException {
        throw Unsupported.method("updateClob");
    }

    @Override
    public void updateNClob(int columnIndex, Reader x) throws SQLException {
        throw Unsupported.method("updateNClob");
    }

    @Override
    public void updateNClob(String columnLabel, Reader x) throws SQLException {
        throw Unsupported.method("updateNClob");
    }
}
