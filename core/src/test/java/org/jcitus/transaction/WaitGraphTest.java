/*
 * WaitGraphTest.java — which sessions a merged wait graph finds deadlocked, and which one gives up.
 */
package org.jcitus.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class WaitGraphTest {
    @Test
    void aRingAcrossNodesIsOneDeadlockEverySessionOfItSees() {
        WaitGraph g = new WaitGraph();
        g.addWait(1, 2, true);
        g.addWait(2, 3, true);
        g.addWait(3, 1, true);
        g.addWait(4, 1, true);   // waits for the ring, is not part of it
        for (long s : new long[] {1, 2, 3}) {
            assertEquals(Set.of(1L, 2L, 3L), g.deadlockedWith(s));
        }
        assertTrue(g.deadlockedWith(4).isEmpty());
    }

    @Test
    void waitsWithoutACycleAreNoDeadlock() {
        WaitGraph g = new WaitGraph();
        g.addWait(1, 2, true);
        g.addWait(2, 3, true);
        g.addWait(5, 5, true);   // a session's own connections waiting for each other are not a cycle here
        assertTrue(g.deadlockedWith(1).isEmpty());
        assertTrue(g.deadlockedWith(5).isEmpty());
    }

    @Test
    void theYoungestSessionWaitingThroughAConnectionGivesUp() {
        WaitGraph g = new WaitGraph();
        g.addWait(1, 2, true);
        g.addWait(2, 3, true);
        g.addWait(3, 1, false);  // 3 waits on its own node: it cannot give up on its own
        g.transactionStarted(1, 100);
        g.transactionStarted(2, 200);
        g.transactionStarted(3, 300);
        assertEquals(2, g.victim(g.deadlockedWith(1)));
    }

    @Test
    void equalStartsGoToTheHigherGlobalPid() {
        WaitGraph g = new WaitGraph();
        g.addWait(7, 9, true);
        g.addWait(9, 7, true);
        g.transactionStarted(7, 100);
        g.transactionStarted(9, 100);
        assertEquals(9, g.victim(g.deadlockedWith(7)));
    }

    @Test
    void noVictimWhenNoSessionWaitsThroughAConnection() {
        WaitGraph g = new WaitGraph();
        g.addWait(1, 2, false);
        g.addWait(2, 1, false);
        assertEquals(-1, g.victim(g.deadlockedWith(1)));
    }

    @Test
    void globalPidsComeFromJcitusConnectionsOnly() {
        assertEquals(10000012345L, DistributedDeadlocks.globalPid("citus_internal gpid=10000012345"));
        assertEquals(-1, DistributedDeadlocks.globalPid("psql"));
        assertEquals(-1, DistributedDeadlocks.globalPid("citus_internal gpid=x"));
        assertEquals(-1, DistributedDeadlocks.globalPid(null));
    }
}
