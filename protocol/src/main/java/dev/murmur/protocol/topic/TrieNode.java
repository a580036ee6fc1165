package dev.murmur.protocol.topic;

import java.util.Arrays;

/**
 * One node of a {@link TopicTrie}: a run of one or more exact levels (path compression: a chain
 * of levels without values or wildcards collapses into one node), its exact children, its '+'
 * child and the values of the filters ending here and ending in "/#" here.
 *
 * <p>32 bytes with compressed oops: a final key and four volatile references. The writer
 * changes a reachable node only by replacing one whole field value (a new array, a new node, a
 * new value encoding) or through {@link ChildTable}'s ordered slot writes, so a reader that
 * loads a field sees either the old or the new value, never a partly built one.
 */
final class TrieNode {
    /** Up to this many exact children live in a copy-on-write array; more go into a table. */
    static final int ARRAY_MAX = 8;
    /** A table shrinks back to an array at this size (hysteresis against flapping). */
    static final int ARRAY_BACK = ARRAY_MAX / 2;

    /** The exact levels this node stands for, joined by '/'; null for the root and '+' nodes. */
    final String key;
    /** Exact children: null, one {@link TrieNode}, a {@code TrieNode[]}, or a {@link ChildTable}. */
    volatile Object children;
    /** The '+' child, kept apart from the exact ones. */
    volatile TrieNode plus;
    /** Values of the filter "{this}/#" ('#' is always last, so it needs no node of its own). */
    volatile Object hashValues;
    /** Values of the filter ending at this node. */
    volatile Object values;

    TrieNode(String key) {
        this.key = key;
    }

    /** A new node standing for {@code newKey} with this node's contents (to split or merge runs). */
    TrieNode rekeyed(String newKey) {
        TrieNode node = new TrieNode(newKey);
        node.children = children;
        node.plus = plus;
        node.hashValues = hashValues;
        node.values = values;
        return node;
    }

    boolean isEmpty() {
        return values == null && hashValues == null && plus == null && children == null;
    }

    /** The only child when this node merely passes through to it (and can merge with it), else null. */
    TrieNode passThroughChild() {
        if (values != null || hashValues != null || plus != null) {
            return null;
        }
        return children instanceof TrieNode only ? only : null;
    }

    /** The exact child whose first level is {@code s[from, to)} with hash {@code h}, or null. */
    TrieNode child(String s, int from, int to, int h) {
        Object c = children;
        if (c instanceof TrieNode only) {
            return firstLevelEquals(only.key, s, from, to) ? only : null;
        }
        if (c instanceof ChildTable table) {
            return table.get(s, from, to, h);
        }
        if (c instanceof TrieNode[] array) {
            for (TrieNode node : array) {
                if (firstLevelEquals(node.key, s, from, to)) {
                    return node;
                }
            }
        }
        return null;
    }

    /** Writer: adds an exact child whose first level is not present yet. */
    void addChild(TrieNode child) {
        Object c = children;
        if (c == null) {
            children = child;
        } else if (c instanceof TrieNode only) {
            children = new TrieNode[] {only, child};
        } else if (c instanceof TrieNode[] array) {
            if (array.length < ARRAY_MAX) {
                TrieNode[] grown = Arrays.copyOf(array, array.length + 1);
                grown[array.length] = child;
                children = grown;
            } else {
                ChildTable table = ChildTable.forSize(array.length + 1);
                for (TrieNode node : array) {
                    table = table.put(node, firstLevelHash(node.key));
                }
                children = table.put(child, firstLevelHash(child.key));
            }
        } else {
            ChildTable table = (ChildTable) c;
            ChildTable now = table.put(child, firstLevelHash(child.key));
            if (now != table) {
                children = now;
            }
        }
    }

    /** Writer: replaces the exact child {@code old} by {@code neu}, which has the same first level. */
    void replaceChild(TrieNode old, TrieNode neu) {
        Object c = children;
        if (c == old) {
            children = neu;
        } else if (c instanceof TrieNode[] array) {
            TrieNode[] copy = array.clone();
            copy[indexOf(array, old)] = neu;
            children = copy;
        } else {
            ((ChildTable) c).replace(old, neu, firstLevelHash(old.key));
        }
    }

    /** Writer: removes the exact child {@code old}. */
    void removeChild(TrieNode old) {
        Object c = children;
        if (c == old) {
            children = null;
        } else if (c instanceof TrieNode[] array) {
            if (array.length == 2) {
                children = array[0] == old ? array[1] : array[0];
            } else {
                int at = indexOf(array, old);
                TrieNode[] shrunk = new TrieNode[array.length - 1];
                System.arraycopy(array, 0, shrunk, 0, at);
                System.arraycopy(array, at + 1, shrunk, at, shrunk.length - at);
                children = shrunk;
            }
        } else {
            ChildTable table = (ChildTable) c;
            ChildTable now = table.remove(old, firstLevelHash(old.key));
            if (now.size() <= ARRAY_BACK) {
                TrieNode[] array = now.toArray();
                children = array.length == 0 ? null : array.length == 1 ? array[0] : array;
            } else if (now != table) {
                children = now;
            }
        }
    }

    private static int indexOf(TrieNode[] array, TrieNode node) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == node) {
                return i;
            }
        }
        throw new IllegalStateException("not a child: " + node.key);
    }

    /** True when the first level of {@code key} equals {@code s[from, to)}. */
    static boolean firstLevelEquals(String key, String s, int from, int to) {
        int length = to - from;
        int keyLength = key.length();
        return keyLength >= length && (keyLength == length || key.charAt(length) == '/')
                && key.regionMatches(0, s, from, length);
    }

    /** The hash of {@code s[from, to)}, computed like {@link String#hashCode()}. */
    static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    static int firstLevelHash(String key) {
        int slash = key.indexOf('/');
        return hash(key, 0, slash < 0 ? key.length() : slash);
    }
}
