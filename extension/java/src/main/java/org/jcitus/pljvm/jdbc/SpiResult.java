/*
 * SpiResult.java — what one statement run through SPI produced, as the runtime hands it over.
 */
package org.jcitus.pljvm.jdbc;

/**
 * The outcome of {@link org.jcitus.pljvm.Backend#execute}: the command, the number of
 * rows it processed and, for statements that return rows, the columns and all rows.
 *
 * <p>Values in rows follow the runtime's type mapping: Boolean, Short, Integer, Long,
 * Float, Double, BigDecimal (numeric), Long (oid and reg* types), byte[] (bytea), typed
 * arrays such as Integer[] or String[], Object[] for composites, and String (the text form)
 * for every other type. SQL NULL is null.
 */
public final class SpiResult {
    private final String command;
    private final long processed;
    private final String[] columnNames;
    private final int[] columnTypes;
    private final Object[][] rows;

    /** Called by the runtime. {@code columnNames}, {@code columnTypes} and {@code rows} are null for statements without a row result. */
    public SpiResult(String command, long processed, String[] columnNames, int[] columnTypes,
                     Object[][] rows) {
        this.command = command;
        this.processed = processed;
        this.columnNames = columnNames;
        this.columnTypes = columnTypes;
        this.rows = rows;
    }

    /** The command, as in SPI's result code: SELECT, INSERT, UPDATE, DELETE, UTILITY, ... */
    public String command() {
        return command;
    }

    /** The number of rows the statement processed (returned or changed). */
    public long processed() {
        return processed;
    }

    /** Whether the statement returned rows (a SELECT, or DML with RETURNING). */
    public boolean hasRows() {
        return rows != null;
    }

    public String[] columnNames() {
        return columnNames;
    }

    /** The type OID of each column. */
    public int[] columnTypes() {
        return columnTypes;
    }

    public Object[][] rows() {
        return rows;
    }
}
