/*
 * ShardRangesTest.java — the hash space split as Citus splits it.
 */
package org.jcitus.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ShardRangesTest {
    @Test
    void thirtyTwoShardsAsCitusPrintsThem() {
        assertEquals(-2147483648, ShardRanges.minValue(0, 32));
        assertEquals(-2013265921, ShardRanges.maxValue(0, 32));
        assertEquals(-2013265920, ShardRanges.minValue(1, 32));
        assertEquals(2147483647, ShardRanges.maxValue(31, 32));
    }

    @Test
    void rangesCoverTheHashSpaceWithoutGapsEvenWhenUneven() {
        for (int count : new int[] {1, 3, 7, 32, 100, 64000}) {
            assertEquals(Integer.MIN_VALUE, ShardRanges.minValue(0, count));
            for (int i = 1; i < count; i++) {
                assertEquals(ShardRanges.maxValue(i - 1, count) + 1, ShardRanges.minValue(i, count));
            }
            assertEquals(Integer.MAX_VALUE, ShardRanges.maxValue(count - 1, count));
        }
    }

    @Test
    void aHashFallsInTheShardWhoseRangeHoldsIt() {
        Random random = new Random(42);
        for (int count : new int[] {1, 3, 32, 100}) {
            for (int n = 0; n < 10000; n++) {
                int hash = random.nextInt();
                int index = ShardRanges.indexOf(hash, count);
                assertTrue(ShardRanges.minValue(index, count) <= hash && hash <= ShardRanges.maxValue(index, count),
                        hash + " in shard " + index + " of " + count);
            }
            assertEquals(count - 1, ShardRanges.indexOf(Integer.MAX_VALUE, count));
            assertEquals(0, ShardRanges.indexOf(Integer.MIN_VALUE, count));
        }
    }

    @Test
    void theSqlFormIsTheSameComputation() {
        assertEquals("least(31, ((h)::bigint + 2147483648) / 134217728)", ShardRanges.indexSql("h", 32));
    }
}
