/*
 * ShardRanges.java — how the int32 hash space is split among a table's shards, as Citus splits it.
 */
package org.jcitus.sharding;

/**
 * Shard i of n holds the hashes from MIN + i * (2^32 / n) on; the last shard also takes
 * what an uneven division leaves. For 32 shards, shard 0 is [-2147483648, -2013265921] and
 * shard 1 starts at -2013265920.
 */
public final class ShardRanges {
    private static final long HASH_SPACE = 1L << 32;

    private ShardRanges() {
    }

    public static int minValue(int shardIndex, int shardCount) {
        return (int) (Integer.MIN_VALUE + shardIndex * increment(shardCount));
    }

    public static int maxValue(int shardIndex, int shardCount) {
        if (shardIndex == shardCount - 1) {
            return Integer.MAX_VALUE;
        }
        return (int) (Integer.MIN_VALUE + (shardIndex + 1) * increment(shardCount) - 1);
    }

    /** The shard a hash falls in. */
    public static int indexOf(int hash, int shardCount) {
        return (int) Math.min(shardCount - 1, ((long) hash - Integer.MIN_VALUE) / increment(shardCount));
    }

    /** The same computation in SQL, over an int4 hash expression. */
    public static String indexSql(String hashExpression, int shardCount) {
        return "least(" + (shardCount - 1) + ", ((" + hashExpression + ")::bigint + 2147483648) / "
                + increment(shardCount) + ")";
    }

    private static long increment(int shardCount) {
        return HASH_SPACE / shardCount;
    }
}
