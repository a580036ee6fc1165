package dev.murmur.protocol.topic;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The set of values held by one filter in a {@link TopicTrie}, encoded to cost nothing for the
 * common case: {@code null} (empty), the value itself (one value), an {@code Object[]} (a few
 * values) or a {@link Big} set (many). Arrays are copy-on-write and never mutated once
 * published; a {@link Big} set is a concurrent set, mutated in place, whose iteration is weakly
 * consistent — so a reader always sees each value that was present at some point.
 */
final class TrieValues {
    /** Above this many values an array becomes a {@link Big} set: copying is O(n) per add. */
    static final int ARRAY_MAX = 16;
    /** A {@link Big} set shrinks back to an array at this size (hysteresis against flapping). */
    static final int ARRAY_BACK = ARRAY_MAX / 2;

    private TrieValues() {
    }

    /** Many values: a concurrent set, so one writer and lock-free readers can share it. */
    static final class Big {
        final Set<Object> set = ConcurrentHashMap.newKeySet();
    }

    static boolean contains(Object values, Object v) {
        if (values == null) {
            return false;
        }
        if (values instanceof Object[] array) {
            for (Object o : array) {
                if (o.equals(v)) {
                    return true;
                }
            }
            return false;
        }
        if (values instanceof Big big) {
            return big.set.contains(v);
        }
        return values.equals(v);
    }

    /** The encoding of {@code values} plus {@code v}; {@code v} must not be in it yet. */
    static Object with(Object values, Object v) {
        if (values == null) {
            // A value that looks like one of our encodings must be wrapped to stay unambiguous.
            return v instanceof Object[] || v instanceof Big ? new Object[] {v} : v;
        }
        if (values instanceof Big big) {
            big.set.add(v);
            return big;
        }
        Object[] array = values instanceof Object[] a ? a : new Object[] {values};
        if (array.length == ARRAY_MAX) {
            Big big = new Big();
            big.set.addAll(Arrays.asList(array));
            big.set.add(v);
            return big;
        }
        Object[] grown = Arrays.copyOf(array, array.length + 1);
        grown[array.length] = v;
        return grown;
    }

    /** The encoding of {@code values} without {@code v}; {@code v} must be in it. */
    static Object without(Object values, Object v) {
        if (values instanceof Big big) {
            big.set.remove(v);
            return big.set.size() > ARRAY_BACK ? big : big.set.toArray();
        }
        if (!(values instanceof Object[] array)) {
            return null;
        }
        if (array.length == 1) {
            return null;
        }
        int at = 0;
        while (!array[at].equals(v)) {
            at++;
        }
        Object[] shrunk = new Object[array.length - 1];
        System.arraycopy(array, 0, shrunk, 0, at);
        System.arraycopy(array, at + 1, shrunk, at, shrunk.length - at);
        return shrunk.length == 1 && !(shrunk[0] instanceof Object[] || shrunk[0] instanceof Big) ? shrunk[0] : shrunk;
    }

    /** Calls {@code sink} once per value. */
    @SuppressWarnings("unchecked")
    static <V> void forEach(Object values, Consumer<? super V> sink) {
        if (values == null) {
            return;
        }
        if (values instanceof Object[] array) {
            for (Object o : array) {
                sink.accept((V) o);
            }
        } else if (values instanceof Big big) {
            for (Object o : big.set) {
                sink.accept((V) o);
            }
        } else {
            sink.accept((V) values);
        }
    }
}
