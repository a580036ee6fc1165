package dev.murmur.protocol.topic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The exact children of a {@link TrieNode} with many of them: an open-addressing table (linear
 * probing) of parallel {@code int[]} first-level hashes and node references, about 8 bytes per
 * slot instead of the ~40 of a {@code HashMap} entry.
 *
 * <p>One writer, lock-free readers. The writer fills a slot by writing its hash, then the node
 * with release semantics; a reader loads the node with acquire semantics first, so it sees the
 * matching hash. A removed child becomes a {@link #TOMBSTONE} rather than shifting its
 * neighbours, so a concurrent probe never misses a child that stays. Growing or shrinking builds
 * a new table that the owner publishes through its volatile field; the old one is never written
 * again. At most 3/4 of the slots are ever in use, so every probe ends at an empty slot.
 */
final class ChildTable {
    /** Marks a removed child: probes continue past it, inserts may reuse it. */
    static final TrieNode TOMBSTONE = new TrieNode(null);

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(TrieNode[].class);
    private static final int MIN_CAPACITY = 16;
    /** Fibonacci hashing spreads String-style hashes, whose low bits are poor for ids like "d0001". */
    private static final int GOLDEN = 0x9E3779B9;

    private final int[] hashes;
    private final TrieNode[] slots;
    private final int shift;
    private int size; // live children; writer only
    private int used; // live children plus tombstones; writer only

    private ChildTable(int capacity) {
        hashes = new int[capacity];
        slots = new TrieNode[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    /** A table sized for {@code expected} children (load at most 1/2 when built). */
    static ChildTable forSize(int expected) {
        int wanted = Math.max(MIN_CAPACITY, expected * 2);
        return new ChildTable(Integer.highestOneBit(wanted - 1) << 1);
    }

    int size() {
        return size;
    }

    /** The child whose first level is {@code s[from, to)} (hash {@code h}), or null. Reader-safe. */
    TrieNode get(String s, int from, int to, int h) {
        TrieNode[] slots = this.slots;
        int mask = slots.length - 1;
        int i = (h * GOLDEN) >>> shift;
        for (int probes = 0; probes <= mask; probes++) {
            TrieNode node = (TrieNode) SLOT.getAcquire(slots, i);
            if (node == null) {
                return null;
            }
            if (hashes[i] == h && node != TOMBSTONE && TrieNode.firstLevelEquals(node.key, s, from, to)) {
                return node;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    /**
     * Adds a child whose first level is not present yet. Returns the table the owner must hold
     * from now on: this one, or a rebuilt copy (then not yet visible to readers).
     */
    ChildTable put(TrieNode child, int h) {
        if ((used + 1) * 4 > slots.length * 3) {
            ChildTable rebuilt = rebuild(size + 1);
            rebuilt.insert(child, h);
            return rebuilt;
        }
        insert(child, h);
        return this;
    }

    /** Replaces {@code old} by {@code neu}, which has the same first level, in one slot write. */
    void replace(TrieNode old, TrieNode neu, int h) {
        SLOT.setRelease(slots, slotOf(old, h), neu);
    }

    /** Removes {@code old}; returns the table to hold from now on (this or a smaller copy). */
    ChildTable remove(TrieNode old, int h) {
        SLOT.setRelease(slots, slotOf(old, h), TOMBSTONE);
        size--;
        if (slots.length > MIN_CAPACITY && size * 8 < slots.length) {
            return rebuild(size);
        }
        return this;
    }

    /** The live children, in slot order. */
    TrieNode[] toArray() {
        TrieNode[] out = new TrieNode[size];
        int j = 0;
        for (TrieNode node : slots) {
            if (node != null && node != TOMBSTONE) {
                out[j++] = node;
            }
        }
        return out;
    }

    private void insert(TrieNode child, int h) {
        int mask = slots.length - 1;
        int i = (h * GOLDEN) >>> shift;
        while (slots[i] != null && slots[i] != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (slots[i] == null) {
            used++;
        }
        hashes[i] = h;
        SLOT.setRelease(slots, i, child);
        size++;
    }

    private int slotOf(TrieNode node, int h) {
        int mask = slots.length - 1;
        int i = (h * GOLDEN) >>> shift;
        while (slots[i] != node) {
            if (slots[i] == null) {
                throw new IllegalStateException("child not in its table: " + node.key);
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private ChildTable rebuild(int expected) {
        ChildTable table = forSize(expected);
        for (int i = 0; i < slots.length; i++) {
            TrieNode node = slots[i];
            if (node != null && node != TOMBSTONE) {
                table.insert(node, hashes[i]);
            }
        }
        return table;
    }
}
