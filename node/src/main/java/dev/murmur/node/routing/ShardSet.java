package dev.murmur.node.routing;

import java.util.function.IntConsumer;

/** A small bit set of shard ids: de-duplicates shards matched by several filters of one topic. */
public final class ShardSet {
    private final long[] words;
    private int count;

    public ShardSet(int numberOfShards) {
        this.words = new long[(numberOfShards + 63) >>> 6];
    }

    /** Adds a shard id; returns false if it was already present. */
    public boolean add(int shard) {
        long bit = 1L << (shard & 63);
        int w = shard >>> 6;
        if ((words[w] & bit) != 0) {
            return false;
        }
        words[w] |= bit;
        count++;
        return true;
    }

    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Calls {@code action} for every shard id in ascending order. */
    public void forEach(IntConsumer action) {
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                int bit = Long.numberOfTrailingZeros(bits);
                action.accept((w << 6) + bit);
                bits &= bits - 1;
            }
        }
    }
}
