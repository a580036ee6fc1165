package dev.murmur.load.verify;

/**
 * A set of non-negative sequence numbers that stays small while numbers arrive mostly in order:
 * everything below {@code base} is known present, and a bitmap covers the numbers above it. A
 * gap (a lost message) pins the base, so memory then grows by one bit per later number. Not
 * thread-safe; callers synchronise.
 */
public final class SeqSet {
    private static final int INITIAL_WORDS = 2;

    private long base;
    private long[] words = new long[INITIAL_WORDS];
    private long size;
    private long max = -1;

    /** Adds {@code seq}; false when it was already present (a duplicate). */
    public boolean add(long seq) {
        if (seq < 0) {
            throw new IllegalArgumentException("negative sequence " + seq);
        }
        if (seq < base) {
            return false;
        }
        long offset = seq - base;
        int word = Math.toIntExact(offset >>> 6);
        if (word >= words.length) {
            grow(word + 1);
        }
        long bit = 1L << (offset & 63);
        if ((words[word] & bit) != 0) {
            return false;
        }
        words[word] |= bit;
        size++;
        max = Math.max(max, seq);
        if (word == 0 && words[0] == -1L) {
            compact();
        }
        return true;
    }

    public boolean contains(long seq) {
        if (seq < 0 || seq > max) {
            return false;
        }
        if (seq < base) {
            return true;
        }
        long offset = seq - base;
        int word = (int) (offset >>> 6);
        return word < words.length && (words[word] & (1L << (offset & 63))) != 0;
    }

    public long size() {
        return size;
    }

    /** The highest number added, or -1 when empty. */
    public long max() {
        return max;
    }

    /** How many members of {@code expected} are missing from this set. */
    public long missingFrom(SeqSet expected) {
        if (expected.size == 0) {
            return 0;
        }
        long missing = 0;
        // Nothing below our base is missing; both bases are multiples of 64, so the two bitmaps
        // line up word by word from there.
        for (long seq = base; seq <= expected.max; seq += 64) {
            long want = expected.wordAt(seq);
            if (want != 0) {
                missing += Long.bitCount(want & ~wordAt(seq));
            }
        }
        return missing;
    }

    /** The 64 membership bits starting at {@code seq}, which must be a multiple of 64. */
    private long wordAt(long seq) {
        if (seq < base) {
            return -1L;
        }
        long word = (seq - base) >>> 6;
        return word < words.length ? words[(int) word] : 0L;
    }

    private void grow(int minWords) {
        int n = Math.max(minWords, words.length * 2);
        long[] bigger = new long[n];
        System.arraycopy(words, 0, bigger, 0, words.length);
        words = bigger;
    }

    private void compact() {
        int full = 0;
        while (full < words.length && words[full] == -1L) {
            full++;
        }
        System.arraycopy(words, full, words, 0, words.length - full);
        java.util.Arrays.fill(words, words.length - full, words.length, 0L);
        base += 64L * full;
    }
}
