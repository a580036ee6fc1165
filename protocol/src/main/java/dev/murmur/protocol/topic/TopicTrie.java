package dev.murmur.protocol.topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A trie of topic filters, each holding a set of values (subscribers, shard ids, ...). Safe for
 * one writing thread plus any number of concurrently reading threads: readers never lock and
 * never see a half-made change.
 *
 * <p><b>Shape.</b> Each node stands for a run of exact levels: a chain of levels that holds no
 * values and no wildcard children is stored as one node whose key is the levels joined by '/'
 * ("d42/telemetry/temp"), split when a filter branches inside it and merged back when the branch
 * goes away, so a device's unique topic costs one node, not one per level. Exact children, the
 * '+' child and the values of "{node}/#" are kept apart; exact children are held as one node, a
 * copy-on-write array of up to 8, or an open-addressing table.
 *
 * <p><b>Concurrency.</b> The writer builds every new node or array completely before one volatile
 * write links it in; a split or merge links a new node that already holds the old one's
 * contents; table slots are written with release and read with acquire semantics. A reader thus
 * sees every filter that stays in the trie, and otherwise only filters present at some point
 * during its call.
 *
 * <p><b>Matching</b> walks the topic by index (no split, no per-level allocation) along the exact
 * path, branching only into '+' children; '#' values are reported at every node passed, so
 * "sport/#" matches "sport" (MQTT 4.7.1.2). Empty levels are levels ("a//b", "/x", "x/").
 * A 7-level topic against 1 M filters takes about 0.7 µs and allocates nothing
 * ({@code TrieMatchBenchmark} in load-test, docs/benchmarks.md). Recursion depth, in add, remove
 * and match, grows with the number of '+' levels and branch points of a filter, so callers bound
 * the number of levels in a filter.
 *
 * <p><b>Memory</b> (measured with {@code TrieFootprint} in load-test: JDK 17, compressed oops,
 * values shared, heap after full GC): about 117 bytes per filter for 1 M unique device filters
 * "tenant/t{n}/device/d{n}/telemetry/temp/value" — one 32-byte node, its key string (the
 * device's own levels, ~70 bytes) and ~12 bytes of hash-table slot — and about 139 bytes per
 * filter for the benchmark's mix (90 % exact, the rest '+' and '#'; 121 bytes at 100 k).
 * Removing the last value of a filter prunes its empty nodes and re-merges runs, so memory
 * follows the live filters under churn.
 *
 * @param <V> what a filter maps to; compared with equals
 */
public final class TopicTrie<V> {
    private final TrieNode root = new TrieNode(null);
    private volatile int size;

    /** Adds {@code value} under {@code filter}; returns false when it was already there. */
    public boolean add(String filter, V value) {
        Objects.requireNonNull(value, "value");
        boolean added = add(root, levels(filter), 0, value);
        if (added) {
            size = size + 1; // one writer: no lost update
        }
        return added;
    }

    /** Removes {@code value} from {@code filter}; returns false when it was not there. */
    public boolean remove(String filter, V value) {
        Objects.requireNonNull(value, "value");
        boolean removed = remove(root, levels(filter), 0, value);
        if (removed) {
            size = size - 1;
        }
        return removed;
    }

    /**
     * Calls {@code sink} once per (matching filter, value) pair for {@code topic}; a value held
     * under two matching filters is reported twice. Topics starting with '$' are not matched by
     * filters starting with '+' or '#' (MQTT-4.7.2-1).
     */
    public void match(String topic, Consumer<? super V> sink) {
        int length = topic.length();
        boolean dollar = length > 0 && topic.charAt(0) == '$';
        matchFrom(root, topic, 0, length, dollar, sink);
    }

    /** The number of (filter, value) pairs held. */
    public int size() {
        return size;
    }

    /** Nodes reachable from the root, root included: lets tests see pruning. Writer thread only. */
    int nodeCount() {
        return count(root);
    }

    private static int count(TrieNode node) {
        int n = 1;
        if (node.plus != null) {
            n += count(node.plus);
        }
        Object children = node.children;
        if (children instanceof TrieNode only) {
            n += count(only);
        } else if (children instanceof TrieNode[] array) {
            for (TrieNode child : array) {
                n += count(child);
            }
        } else if (children instanceof ChildTable table) {
            for (TrieNode child : table.toArray()) {
                n += count(child);
            }
        }
        return n;
    }

    /**
     * Reports the values at {@code node}, reached with the topic consumed up to {@code pos} (the
     * start of the next level, or {@code length + 1} when no level is left), and below it.
     * Iterates along the exact path; recurses only into '+' children.
     */
    private static <V> void matchFrom(TrieNode node, String topic, int pos, int length, boolean skipWildcards,
                                      Consumer<? super V> sink) {
        while (true) {
            if (!skipWildcards) {
                TrieValues.forEach(node.hashValues, sink);
            }
            if (pos > length) {
                TrieValues.forEach(node.values, sink);
                return;
            }
            int end = pos;
            int h = 0;
            while (end < length) {
                char c = topic.charAt(end);
                if (c == '/') {
                    break;
                }
                h = 31 * h + c;
                end++;
            }
            if (!skipWildcards) {
                TrieNode plus = node.plus;
                if (plus != null) {
                    matchFrom(plus, topic, end + 1, length, false, sink);
                }
            }
            TrieNode child = node.child(topic, pos, end, h);
            if (child == null) {
                return;
            }
            String key = child.key;
            int keyEnd = pos + key.length();
            if (keyEnd != end) { // a run of several levels: the rest of the key must follow
                if (keyEnd > length || (keyEnd < length && topic.charAt(keyEnd) != '/')
                        || !topic.regionMatches(end, key, end - pos, keyEnd - end)) {
                    return;
                }
            }
            node = child;
            pos = keyEnd + 1;
            skipWildcards = false;
        }
    }

    private static boolean add(TrieNode node, String[] levels, int i, Object value) {
        if (i == levels.length) {
            Object values = node.values;
            if (TrieValues.contains(values, value)) {
                return false;
            }
            node.values = TrieValues.with(values, value);
            return true;
        }
        String level = levels[i];
        if (level.equals("#")) {
            Object values = node.hashValues;
            if (TrieValues.contains(values, value)) {
                return false;
            }
            node.hashValues = TrieValues.with(values, value);
            return true;
        }
        if (level.equals("+")) {
            TrieNode plus = node.plus;
            if (plus != null) {
                return add(plus, levels, i + 1, value);
            }
            plus = new TrieNode(null);
            add(plus, levels, i + 1, value); // built while unreachable, then published whole
            node.plus = plus;
            return true;
        }
        TrieNode child = node.child(level, 0, level.length(), TrieNode.hash(level, 0, level.length()));
        if (child == null) {
            int runEnd = i;
            while (runEnd < levels.length && !isWildcard(levels[runEnd])) {
                runEnd++;
            }
            TrieNode fresh = new TrieNode(String.join("/", List.of(levels).subList(i, runEnd)));
            add(fresh, levels, runEnd, value);
            node.addChild(fresh);
            return true;
        }
        int common = commonLevels(child.key, levels, i);
        int cut = cutIndex(child.key, common);
        if (cut == child.key.length()) {
            return add(child, levels, i + common, value);
        }
        // The filter leaves the child's run part-way: split the run at that level. The head is
        // built off-line (the filter branches off at it, so the tail's shared parts stay as they
        // are) and then replaces the child in one write.
        TrieNode head = new TrieNode(child.key.substring(0, cut));
        head.children = child.rekeyed(child.key.substring(cut + 1));
        add(head, levels, i + common, value);
        node.replaceChild(child, head);
        return true;
    }

    private static boolean remove(TrieNode node, String[] levels, int i, Object value) {
        if (i == levels.length) {
            Object values = node.values;
            if (!TrieValues.contains(values, value)) {
                return false;
            }
            node.values = TrieValues.without(values, value);
            return true;
        }
        String level = levels[i];
        if (level.equals("#")) {
            Object values = node.hashValues;
            if (!TrieValues.contains(values, value)) {
                return false;
            }
            node.hashValues = TrieValues.without(values, value);
            return true;
        }
        if (level.equals("+")) {
            TrieNode plus = node.plus;
            if (plus == null || !remove(plus, levels, i + 1, value)) {
                return false;
            }
            if (plus.isEmpty()) {
                node.plus = null;
            }
            return true;
        }
        TrieNode child = node.child(level, 0, level.length(), TrieNode.hash(level, 0, level.length()));
        if (child == null) {
            return false;
        }
        int common = commonLevels(child.key, levels, i);
        if (cutIndex(child.key, common) != child.key.length() || !remove(child, levels, i + common, value)) {
            return false;
        }
        tidy(node, child);
        return true;
    }

    /** Prunes {@code child} when empty, or merges it with its only child, so churn leaves nothing. */
    private static void tidy(TrieNode node, TrieNode child) {
        if (child.isEmpty()) {
            node.removeChild(child);
            return;
        }
        TrieNode only = child.passThroughChild();
        if (only != null) {
            node.replaceChild(child, only.rekeyed(child.key + '/' + only.key));
        }
    }

    /** How many leading levels of {@code key} equal {@code levels[i..]}. */
    private static int commonLevels(String key, String[] levels, int i) {
        int count = 0;
        int from = 0;
        while (i + count < levels.length) {
            int slash = key.indexOf('/', from);
            int to = slash < 0 ? key.length() : slash;
            String level = levels[i + count];
            if (level.length() != to - from || !key.regionMatches(from, level, 0, level.length())) {
                return count;
            }
            count++;
            if (slash < 0) {
                return count;
            }
            from = slash + 1;
        }
        return count;
    }

    /** The index in {@code key} just after its first {@code count} levels. */
    private static int cutIndex(String key, int count) {
        int at = -1;
        for (int n = 0; n < count; n++) {
            at = key.indexOf('/', at + 1);
            if (at < 0) {
                return key.length();
            }
        }
        return at;
    }

    private static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }

    /**
     * The levels of {@code filter}. Refuses what the trie cannot hold: an empty filter, '#' that
     * is not alone in the last level (MQTT-4.7.1-1) and '+' that is not alone in its level
     * (MQTT-4.7.1-2). Full validation (length, U+0000) is {@code Topics}' job.
     */
    private static String[] levels(String filter) {
        if (filter.isEmpty()) {
            throw new IllegalArgumentException("empty topic filter");
        }
        List<String> levels = new ArrayList<>();
        int from = 0;
        while (true) {
            int slash = filter.indexOf('/', from);
            String level = filter.substring(from, slash < 0 ? filter.length() : slash);
            boolean last = slash < 0;
            if ((level.indexOf('#') >= 0 && (!last || level.length() != 1))
                    || (level.indexOf('+') >= 0 && level.length() != 1)) {
                throw new IllegalArgumentException("misplaced wildcard in topic filter: " + filter);
            }
            levels.add(level);
            if (last) {
                return levels.toArray(new String[0]);
            }
            from = slash + 1;
        }
    }
}
