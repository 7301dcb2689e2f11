// SpiStatement.java — a Statement of jdbc:default:connection: SQL text run through SPI.
package org.jcitus.pljvm.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jcitus.pljvm.Backend;

/**
 * Runs SQL in the caller's transaction. Each execution yields one result, read in full:
 * either a result set (a query, or DML with RETURNING) or an update count. SQL without
 * parameters may hold several statements; the last one's result is kept.
 *
 * <p>Query timeouts and fetch sizes are accepted but do nothing: PostgreSQL's
 * statement_timeout and cancel requests already apply to the SQL call as a whole.
 */
class SpiStatement extends JdbcResource implements Statement {
    /** SQLSTATE no_data, as pgjdbc uses when executeQuery gets no rows */
    private static final String NO_DATA = "02000";
    /** SQLSTATE too many results (a warning class), as pgjdbc uses when executeUpdate gets rows */
    private static final String TOO_MANY_RESULTS = "0100E";
    private static final String INVALID_PARAMETER_VALUE = "22023";

    private final SpiConnection connection;
    private boolean closed;
    private long maxRows;
    private int fetchSize;
    private int queryTimeout;
    private boolean closeOnCompletion;
    private final List<Batched> batch = new ArrayList<>();

    /** the current result: a result set, or else an update count (-1 when there is none) */
    private SpiResultSet resultSet;
    private long updateCount = -1;
    /** the columns of the last result set, which outlives it for PreparedStatement.getMetaData */
    private ResultSetMetaData lastMetaData;

    /** One statement of a batch: its SQL and parameters (null when none). */
    record Batched(String sql, int[] types, String[] values) {
    }

    SpiStatement(SpiConnection connection) {
        this.connection = connection;
    }

    /** Throws if the statement or its connection was closed. */
    @Override
    final void checkOpen() throws SQLException {
        connection.checkOpen();
        if (closed) {
            throw new SQLException("statement is closed", "55000");
        }
    }

    /**
     * The SQL given to one of the methods that take SQL text, checked; a
     * PreparedStatement, which has its SQL already, refuses them all here.
     */
    String directSql(String sql) throws SQLException {
        checkOpen();
        if (sql == null) {
            throw new SQLException("the SQL is null", "22004");
        }
        return sql;
    }

    /** Runs SQL and makes its result the current one; true if that is a result set. */
    final boolean run(String sql, int[] types, String[] values) throws SQLException {
        checkOpen();
        discardResult();
        SpiResult result = Backend.execute(sql, types, values, maxRows);
        if (result.hasRows()) {
            resultSet = new SpiResultSet(this, result);
            lastMetaData = resultSet.metaData();
            return true;
        }
        updateCount = result.processed();
        return false;
    }

    /** Runs SQL that must return rows, and returns them. */
    final ResultSet query(String sql, int[] types, String[] values) throws SQLException {
        if (!run(sql, types, values)) {
            throw new SQLException("the statement returned no rows", NO_DATA);
        }
        return resultSet;
    }

    /** Runs SQL that must not return rows, and returns the number of rows it processed. */
    final long update(String sql, int[] types, String[] values) throws SQLException {
        if (run(sql, types, values)) {
            discardResult();
            throw new SQLException("the statement returned rows", TOO_MANY_RESULTS);
        }
        return updateCount;
    }

    private void discardResult() {
        SpiResultSet current = resultSet;
        // cleared first, so that closing it does not close this statement (closeOnCompletion)
        resultSet = null;
        updateCount = -1;
        if (current != null) {
            current.close();
        }
    }

    /** Called by a result set of this statement when it closes. */
    final void resultSetClosed(SpiResultSet closedResultSet) {
        if (closeOnCompletion && closedResultSet == resultSet) {
            close();
        }
    }

    /** The columns of the last result set, even once closed; null if there was none. */
    final ResultSetMetaData lastMetaData() {
        return lastMetaData;
    }

    /** JDBC's int counts cannot exceed Integer.MAX_VALUE; larger counts are capped there. */
    static int toIntCount(long count) {
        return (int) Math.min(count, Integer.MAX_VALUE);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(directSql(sql), null, null);
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return query(directSql(sql), null, null);
    }

    /** The number of rows processed; 0 for statements that report none (DDL). */
    @Override
    public int executeUpdate(String sql) throws SQLException {
        return toIntCount(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(directSql(sql), null, null);
    }

    /** Only with {@link Statement#NO_GENERATED_KEYS}; use RETURNING for generated keys. */
    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        checkNoGeneratedKeys(autoGeneratedKeys);
        return execute(sql);
    }

    /** Only with {@link Statement#NO_GENERATED_KEYS}; use RETURNING for generated keys. */
    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkNoGeneratedKeys(autoGeneratedKeys);
        return executeUpdate(sql);
    }

    /** Only with {@link Statement#NO_GENERATED_KEYS}; use RETURNING for generated keys. */
    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        checkNoGeneratedKeys(autoGeneratedKeys);
        return executeLargeUpdate(sql);
    }

    private static void checkNoGeneratedKeys(int autoGeneratedKeys) throws SQLException {
        if (autoGeneratedKeys != Statement.NO_GENERATED_KEYS) {
            throw Unsupported.method("returning generated keys");
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return resultSet;
    }

    /** The current update count; -1 when the current result is a result set or there is none. */
    @Override
    public int getUpdateCount() throws SQLException {
        return toIntCount(getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return updateCount;
    }

    /** False: each execution has one result. Closes the current result set. */
    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    /** False: each execution has one result. Closes the current result set unless told to keep it. */
    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        if (current == Statement.KEEP_CURRENT_RESULT) {
            resultSet = null;
            updateCount = -1;
        } else if (current == Statement.CLOSE_CURRENT_RESULT
                || current == Statement.CLOSE_ALL_RESULTS) {
            discardResult();
        } else {
            throw new SQLException("unknown getMoreResults mode " + current,
                    INVALID_PARAMETER_VALUE);
        }
        return false;
    }

    // ---- batches: each statement simply runs in turn ----

    @Override
    public void addBatch(String sql) throws SQLException {
        addToBatch(new Batched(directSql(sql), null, null));
    }

    final void addToBatch(Batched statement) throws SQLException {
        checkOpen();
        batch.add(statement);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /** Runs the batch's statements in order; counts above Integer.MAX_VALUE are capped. */
    @Override
    public int[] executeBatch() throws SQLException {
        long[] counts = executeLargeBatch();
        int[] result = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            result[i] = toIntCount(counts[i]);
        }
        return result;
    }

    /**
     * Runs the batch's statements in order and empties the batch. A statement that fails
     * or returns rows stops it with a BatchUpdateException holding the counts of those
     * before it; an error PostgreSQL raised is its cause.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Batched> statements = new ArrayList<>(batch);
        batch.clear();
        long[] counts = new long[statements.size()];
        for (int i = 0; i < counts.length; i++) {
            Batched b = statements.get(i);
            boolean rows;
            try {
                rows = run(b.sql(), b.types(), b.values());
            } catch (SQLException e) {
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
                        Arrays.copyOf(counts, i), e);
            }
            if (rows) {
                discardResult();
                throw new BatchUpdateException("statement " + (i + 1) + " of the batch returned rows",
                        TOO_MANY_RESULTS, 0, Arrays.copyOf(counts, i), null);
            }
            counts[i] = updateCount;
        }
        discardResult();
        return counts;
    }

    // ---- settings ----

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(getLargeMaxRows(), Integer.MAX_VALUE);
    }

    /**
     * At most this many rows are fetched from a query; 0 for all. As with SPI's own
     * count, an INSERT, UPDATE or DELETE with RETURNING stops after that many rows too.
     */
    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("the maximum number of rows is negative", INVALID_PARAMETER_VALUE);
        }
        maxRows = max;
    }

    /** 0: no limit. */
    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return 0;
    }

    /** Only 0 (no limit). */
    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max != 0) {
            throw Unsupported.method("setMaxFieldSize");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    /** Accepted and ignored: every result is fetched in full. */
    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("the fetch size is negative", INVALID_PARAMETER_VALUE);
        }
        fetchSize = rows;
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
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    /** Accepted and ignored: PostgreSQL's statement_timeout covers the whole SQL call. */
    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("the query timeout is negative", INVALID_PARAMETER_VALUE);
        }
        queryTimeout = seconds;
    }

    /** Does nothing: statements run on the calling thread, and cancel requests come from PostgreSQL. */
    @Override
    public void cancel() {
    }

    /** Ignored: there are no JDBC escapes to process. */
    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return false;
    }

    /** Ignored: nothing is pooled. */
    @Override
    public void setPoolable(boolean poolable) throws SQLException {
        checkOpen();
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    /** Closes the statement and its current result set. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        batch.clear();
        discardResult();
    }

    @Override
    public boolean isClosed() {
        return closed || connection.isClosed();
    }

    // ---- not supported ----

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        throw Unsupported.method("returning generated keys");
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        throw Unsupported.method("returning generated keys");
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Unsupported.method("returning generated keys");
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        throw Unsupported.method("returning generated keys");
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        throw Unsupported.method("returning generated keys");
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        throw Unsupported.method("returning generated keys");
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        throw Unsupported.method("getGeneratedKeys");
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw Unsupported.method("setCursorName");
    }
}
