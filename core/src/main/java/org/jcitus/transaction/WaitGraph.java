/*
 * WaitGraph.java — who waits for whom across nodes, by global pid, and which session a cycle gives up.
 */
package org.jcitus.transaction;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The lock waits of every node merged into one graph of distributed sessions (global
 * pids): a node's backend that works for a session elsewhere (a jcitus connection) stands
 * for that session. A cycle is a distributed deadlock that no single node can see.
 *
 * <p>Of the sessions deadlocked together, only those that wait for a node through their
 * connection there can give up on their own (they wait in jcitus, which cancels what it
 * sent); the youngest of them, by transaction start, is the victim. Every such session
 * checks for itself and reaches the same choice, so one gives up and the others go on.
 */
final class WaitGraph {
    private final Map<Long, Set<Long>> waitsFor = new HashMap<>();
    private final Map<Long, Double> transactionStart = new HashMap<>();
    private final Set<Long> waitingThroughConnection = new HashSet<>();

    /** The waiter waits for a lock the holder has; through a connection: on behalf of a session elsewhere. */
    void addWait(long waiter, long holder, boolean throughConnection) {
        if (waiter == holder) {
            return;
        }
        waitsFor.computeIfAbsent(waiter, w -> new HashSet<>()).add(holder);
        if (throughConnection) {
            waitingThroughConnection.add(waiter);
        }
    }

    /** When the session's transaction started (seconds since the epoch), where its own node says. */
    void transactionStarted(long session, double epochSeconds) {
        transactionStart.put(session, epochSeconds);
    }

    /**
     * The sessions deadlocked with this one: those it waits for, directly or not, that
     * also wait for it (its strongly connected component), itself included; empty if
     * there are none. Every session of the component finds the same set.
     */
    Set<Long> deadlockedWith(long session) {
        Map<Long, Set<Long>> waitedBy = new HashMap<>();
        waitsFor.forEach((waiter, holders) -> {
            for (long holder : holders) {
                waitedBy.computeIfAbsent(holder, h -> new HashSet<>()).add(waiter);
            }
        });
        Set<Long> component = reachable(session, waitsFor);
        component.retainAll(reachable(session, waitedBy));
        return component.size() > 1 ? component : Set.of();
    }

    private static Set<Long> reachable(long from, Map<Long, Set<Long>> edges) {
        Set<Long> seen = new HashSet<>();
        Deque<Long> next = new ArrayDeque<>();
        seen.add(from);
        next.add(from);
        while (!next.isEmpty()) {
            for (long to : edges.getOrDefault(next.poll(), Set.of())) {
                if (seen.add(to)) {
                    next.add(to);
                }
            }
        }
        return seen;
    }

    /**
     * The session of the deadlocked ones that gives up: of those waiting through a
     * connection, the one whose transaction started last (unknown starts count as oldest;
     * ties go to the higher global pid). -1 if none of them waits through a connection.
     */
    long victim(Set<Long> deadlocked) {
        long victim = -1;
        double victimStart = 0;
        for (long s : deadlocked) {
            if (!waitingThroughConnection.contains(s)) {
                continue;
            }
            double start = transactionStart.getOrDefault(s, Double.NEGATIVE_INFINITY);
            if (victim < 0 || start > victimStart || (start == victimStart && s > victim)) {
                victim = s;
                victimStart = start;
            }
        }
        return victim;
    }
}
