/*
 * CallIterator.java — an Iterator whose every step counts as a pljvm call, so that interrupts reach it.
 */
package org.jcitus.pljvm;

import java.util.Iterator;

/**
 * Rows that Java produces while the runtime iterates (a set-returning function, a Java
 * plan's scan) run outside any call the runtime made; wrapping them lets cancel and
 * terminate interrupt each step as they interrupt calls.
 */
final class CallIterator<T> implements Iterator<T> {
    private final Iterator<T> rows;

    CallIterator(Iterator<T> rows) {
        this.rows = rows;
    }

    /** The rows this wraps. */
    Iterator<T> inner() {
        return rows;
    }

    @Override
    public boolean hasNext() {
        Interrupts.enterCall();
        try {
            return rows.hasNext();
        } finally {
            Interrupts.leaveCall();
        }
    }

    @Override
    public T next() {
        Interrupts.enterCall();
        try {
            return rows.next();
        } finally {
            Interrupts.leaveCall();
        }
    }
}
