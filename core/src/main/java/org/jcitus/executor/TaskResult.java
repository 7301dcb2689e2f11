/*
 * TaskResult.java — what tasks returned: their rows (as text) and how many rows they modified.
 */
package org.jcitus.executor;

import java.util.Iterator;
import java.util.List;

import org.jcitus.pljvm.QueryPlanning;

/**
 * The rows of all tasks, in task order, each value in its text form (PostgreSQL reads it
 * back with the column type's input function), and the rows they modified; the plan's
 * CustomScan iterates it.
 */
public final class TaskResult implements Iterator<Object[]>, QueryPlanning.RowCount {
    private final List<Object[]> rows;
    private final long modified;
    private int next;

    /** Rows (text values) and a count of rows modified, as a plan's execution gives them. */
    public TaskResult(List<Object[]> rows, long modified) {
        this.rows = rows;
        this.modified = modified;
    }

    @Override
    public boolean hasNext() {
        return next < rows.size();
    }

    @Override
    public Object[] next() {
        return rows.get(next++);
    }

    /** How many rows there are. */
    public int size() {
        return rows.size();
    }

    @Override
    public long modified() {
        return modified;
    }
}
