package dev.murmur.load.bench;

import dev.murmur.protocol.topic.TopicTrie;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.function.Supplier;

/**
 * Rough heap cost of a {@link TopicTrie} per filter: used heap after full GCs, with the filter
 * strings dropped once added (the trie keeps its own key substrings). Values are shared shard
 * ids, so the figure is the trie's own overhead. Usage: {@code TrieFootprint [filters...]}.
 */
public final class TrieFootprint {
    private TrieFootprint() {
    }

    /** Keeps the trie under measurement reachable, and nothing else. */
    private static TopicTrie<Integer> held;

    public static void main(String[] args) {
        int[] counts = args.length == 0 ? new int[] {100_000, 1_000_000} : parse(args);
        for (int count : counts) {
            report("mix  ", count, measure(count, () -> TrieFixtures.filters(count, 1L)));
            report("exact", count, measure(count, () -> {
                String[] unique = new String[count];
                for (int i = 0; i < count; i++) {
                    unique[i] = TrieFixtures.topic(i, 0, 0);
                }
                return unique;
            }));
        }
    }

    /** Heap held by a trie of the supplied filters, once the filter strings are garbage. */
    private static long measure(int count, Supplier<String[]> filters) {
        held = null;
        long before = usedAfterGc();
        held = build(filters.get());
        long after = usedAfterGc();
        if (held.size() != count) {
            throw new IllegalStateException("size " + held.size());
        }
        held = null;
        return after - before;
    }

    private static void report(String label, int count, long bytes) {
        System.out.printf("%s filters=%,d heap=%,d bytes  %.0f bytes/filter%n", label, count, bytes,
                bytes / (double) count);
    }

    private static TopicTrie<Integer> build(String[] filters) {
        TopicTrie<Integer> trie = new TopicTrie<>();
        for (int i = 0; i < filters.length; i++) {
            trie.add(filters[i], TrieFixtures.SHARDS[i % TrieFixtures.SHARDS.length]);
        }
        return trie;
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static int[] parse(String[] args) {
        int[] out = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = Integer.parseInt(args[i]);
        }
        return out;
    }
}
