/*
 * StreamedRows.java — a read's rows on every shard, run a round at a time as they are read rather than held whole.
 */
package org.jcitus.executor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.jcitus.pljvm.QueryPlanning;

/**
 * The tasks of a read across shards, in rounds of one task per node (the nodes of a round
 * in parallel), each round run when the rows before it have been read: a SELECT or COPY TO
 * of a large table holds one round's rows at a time, not all of them. The rounds run in
 * the transaction's remote transactions, so that every round reads what the transaction
 * wrote. Rows come in task order within a round, rounds in order.
 */
public final class StreamedRows implements Iterator<Object[]> {
    private final List<List<Task>> rounds = new ArrayList<>();
    private int round;
    private Iterator<Object[]> current = Collections.emptyIterator();

    StreamedRows(List<Task> tasks) {
        Map<Integer, List<Task>> byNode = new LinkedHashMap<>();
        for (Task t : tasks) {
            List<Task> ofNode = byNode.get(t.node().groupId());
            if (ofNode == null) {
                ofNode = new ArrayList<>();
                byNode.put(t.node().groupId(), ofNode);
            }
            ofNode.add(t);
        }
        for (List<Task> ofNode : byNode.values()) {
            for (int i = 0; i < ofNode.size(); i++) {
                if (rounds.size() <= i) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(i).add(ofNode.get(i));
            }
        }
    }

    /** Runs the first round: a failing node fails the statement before any row is read. */
    StreamedRows start() throws SQLException {
        advance();
        return this;
    }

    private void advance() throws SQLException {
        while (!current.hasNext() && round < rounds.size()) {
            current = TaskExecutor.executePart(rounds.get(round++), false);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            advance();
        } catch (SQLException e) {
            throw new QueryPlanning.RowsFailed(e);
        }
        return current.hasNext();
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
