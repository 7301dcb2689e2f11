/*
 * ShardForHashTest.java — a hash finds its shard by arithmetic when the ranges are Citus's even split, by search otherwise.
 */
package org.jcitus.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jcitus.metadata.MetadataCache.CitusTable;
import org.jcitus.metadata.MetadataCache.ShardPlacements;
import org.jcitus.sharding.ShardRanges;
import org.junit.jupiter.api.Test;

class ShardForHashTest {
    private static final WorkerNode NODE =
            new WorkerNode(1, 1, "localhost", 5432, true, true, "primary", "default", true, true);

    private static List<ShardPlacements> shards(int[] mins, int[] maxs) {
        List<ShardPlacements> shards = new ArrayList<>();
        for (int i = 0; i < mins.length; i++) {
            shards.add(new ShardPlacements(100 + i, i, "public.t_" + (100 + i), mins[i], maxs[i], List.of(NODE)));
        }
        return shards;
    }

    private static List<ShardPlacements> evenShards(int count) {
        int[] mins = new int[count];
        int[] maxs = new int[count];
        for (int i = 0; i < count; i++) {
            mins[i] = ShardRanges.minValue(i, count);
            maxs[i] = ShardRanges.maxValue(i, count);
        }
        return shards(mins, maxs);
    }

    private static CitusTable table(List<ShardPlacements> shards, boolean evenlySplit) {
        return new CitusTable(1, "public", "t", false, "id", 20, shards, evenlySplit);
    }

    @Test
    void arithmeticAgreesWithSearchOnEvenSplits() {
        Random random = new Random(7);
        for (int count : new int[] {1, 2, 7, 32, 100}) {
            List<ShardPlacements> shards = evenShards(count);
            assertTrue(MetadataCache.evenlySplit(shards), count + " shards");
            CitusTable computed = table(shards, true);
            CitusTable searched = table(shards, false);
            List<Integer> hashes = new ArrayList<>(List.of(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1));
            for (ShardPlacements s : shards) {
                hashes.add(s.minValue());
                hashes.add(s.maxValue());
            }
            for (int i = 0; i < 1000; i++) {
                hashes.add(random.nextInt());
            }
            for (int hash : hashes) {
                ShardPlacements expected = searched.shardForHash(hash);
                assertTrue(expected.minValue() <= hash && hash <= expected.maxValue());
                assertEquals(expected, computed.shardForHash(hash), count + " shards, hash " + hash);
            }
        }
    }

    @Test
    void otherRangesAreSearched() {
        // two shards split at 0 rather than Citus's point, and a gap (a shard being moved, say)
        List<ShardPlacements> split = shards(new int[] {Integer.MIN_VALUE, 100}, new int[] {99, Integer.MAX_VALUE});
        assertFalse(MetadataCache.evenlySplit(split));
        assertEquals(0, table(split, false).shardForHash(99).index());
        assertEquals(1, table(split, false).shardForHash(100).index());

        List<ShardPlacements> gap = shards(new int[] {Integer.MIN_VALUE, 10}, new int[] {-1, Integer.MAX_VALUE});
        assertFalse(MetadataCache.evenlySplit(gap));
        assertNull(table(gap, false).shardForHash(5));
        assertEquals(1, table(gap, false).shardForHash(10).index());
    }
}
