package dev.murmur.load.bench;

import dev.murmur.protocol.topic.TopicTrie;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Matching a 7-level telemetry topic against 100 k and 1 M filters (see {@link TrieFixtures} for
 * the mix), one match per operation, topics cycling through 64 k pre-built strings so that the
 * walk is not served from one hot cache line. Target: at most 2 µs per match at 1 M filters.
 * {@link #addThenRemove} prices the writer side: one device filter added and removed again.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TrieMatchBenchmark {
    private static final int TOPICS = 1 << 16;

    @Param({"100000", "1000000"})
    public int filters;

    private TopicTrie<Integer> trie;
    private String[] topics;
    private String[] churn;

    /** Counts matches; one per thread, so the sink is not a per-call lambda allocation. */
    @State(Scope.Thread)
    public static class Cursor implements Consumer<Integer> {
        int next;
        int matched;

        @Override
        public void accept(Integer value) {
            matched++;
        }
    }

    @Setup(Level.Trial)
    public void build() {
        trie = new TopicTrie<>();
        String[] all = TrieFixtures.filters(filters, 1L);
        for (int i = 0; i < all.length; i++) {
            trie.add(all[i], TrieFixtures.SHARDS[i % TrieFixtures.SHARDS.length]);
        }
        topics = TrieFixtures.topics(TOPICS, filters, 2L);
        churn = new String[TOPICS];
        for (int i = 0; i < TOPICS; i++) {
            churn[i] = topics[i].replace("/device/d", "/device/new-d"); // never present before the add
        }
        Cursor probe = new Cursor();
        for (String topic : topics) {
            trie.match(topic, probe);
        }
        System.out.printf("%n[trie] filters=%d pairs=%d avg-matches-per-topic=%.2f%n", filters, trie.size(),
                (double) probe.matched / TOPICS);
    }

    @Benchmark
    public int match(Cursor cursor) {
        String topic = topics[cursor.next++ & (TOPICS - 1)];
        cursor.matched = 0;
        trie.match(topic, cursor);
        return cursor.matched;
    }

    @Benchmark
    public boolean addThenRemove(Cursor cursor) {
        String filter = churn[cursor.next++ & (TOPICS - 1)];
        Integer shard = TrieFixtures.SHARDS[0];
        return trie.add(filter, shard) & trie.remove(filter, shard);
    }
}
