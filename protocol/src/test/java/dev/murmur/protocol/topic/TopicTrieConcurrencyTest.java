package dev.murmur.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * One writer churns filters (splitting and merging runs, growing and shrinking child tables)
 * while two readers match continuously. Readers must always see every permanent filter exactly
 * once, and otherwise only values whose filter was added at some point and matches the topic.
 */
class TopicTrieConcurrencyTest {

    private static final int MAX_WRITER_OPS = 400_000;
    private static final long MAX_WRITER_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int READERS = 2;

    /** Present from before the readers start to after they stop; values are negative. */
    private static final List<String> PERMANENT = List.of(
            "dev/d0/temp", "dev/d3/temp", "dev/d7/temp", "dev/d11/temp", "dev/+/temp", "dev/#", "dev/d7/#",
            "+/d3/temp", "dev/d5/temp/q", "grp/g0", "$SYS/up");

    private final TopicTrie<Integer> trie = new TopicTrie<>();
    /** Churn value -> its filter, written before the value is added, never removed. */
    private final Map<Integer, String> everAdded = new ConcurrentHashMap<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writerDone = new AtomicBoolean();

    @Test
    void readersSeeOnlyRealFiltersAndAlwaysThePermanentOnes() throws Exception {
        for (int i = 0; i < PERMANENT.size(); i++) {
            trie.add(PERMANENT.get(i), -1 - i);
        }
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            topics.add("dev/d" + i + "/temp");
            topics.add("dev/d" + i + "/temp/q");
            topics.add("dev/d" + i + "/x/y");
            topics.add("grp/g" + i);
        }
        topics.addAll(List.of("dev", "dev/", "$SYS/up", "x/d3/temp"));

        ExecutorService pool = Executors.newFixedThreadPool(READERS + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> read(topics, start)));
            }
            Future<Integer> writer = pool.submit(() -> write(start));
            int writes = writer.get(30, TimeUnit.SECONDS);
            List<Integer> reads = new ArrayList<>();
            for (Future<Integer> reader : readers) {
                reads.add(reader.get(30, TimeUnit.SECONDS));
            }
            assertThat(failures).isEmpty();
            assertThat(writes).isGreaterThan(10_000);
            assertThat(reads).allSatisfy(n -> assertThat(n).isGreaterThan(1_000));
        } finally {
            writerDone.set(true);
            pool.shutdownNow();
        }
        assertThat(trie.size()).isEqualTo(PERMANENT.size());
        assertThat(trie.nodeCount()).isEqualTo(permanentOnlyNodeCount());
    }

    private static int permanentOnlyNodeCount() {
        TopicTrie<Integer> fresh = new TopicTrie<>();
        for (int i = 0; i < PERMANENT.size(); i++) {
            fresh.add(PERMANENT.get(i), -1 - i);
        }
        return fresh.nodeCount();
    }

    /** Cycles: add a random batch of churn filters, then remove them all in random order. */
    private int write(CountDownLatch start) throws InterruptedException {
        Random random = new Random(42L);
        start.countDown();
        long deadline = System.nanoTime() + MAX_WRITER_NANOS;
        int ops = 0;
        int nextValue = 1;
        List<Map.Entry<String, Integer>> live = new ArrayList<>();
        try {
            while (ops < MAX_WRITER_OPS && System.nanoTime() < deadline) {
                int batch = 1 + random.nextInt(150);
                for (int i = 0; i < batch; i++) {
                    String filter = churnFilter(random);
                    int value = nextValue++;
                    everAdded.put(value, filter);
                    trie.add(filter, value);
                    live.add(Map.entry(filter, value));
                    ops++;
                }
                Collections.shuffle(live, random);
                for (Map.Entry<String, Integer> e : live) {
                    if (!trie.remove(e.getKey(), e.getValue())) {
                        failures.add("remove failed: " + e);
                    }
                    ops++;
                }
                live.clear();
            }
        } finally {
            writerDone.set(true);
        }
        return ops;
    }

    private static String churnFilter(Random random) {
        int r = random.nextInt(60);
        return switch (random.nextInt(8)) {
            case 0 -> "dev/d" + r + "/temp";
            case 1 -> "dev/d" + r + "/x/y";
            case 2 -> "dev/d" + r + "/temp/+";
            case 3 -> "dev/d" + r + "/#";
            case 4 -> "+/d" + r + "/temp";
            case 5 -> "dev/+/x/#";
            case 6 -> "grp/g" + r;
            default -> "dev/d" + r + "/temp/q";
        };
    }

    private int read(List<String> topics, CountDownLatch start) throws InterruptedException {
        start.await();
        List<Set<Integer>> expected = new ArrayList<>();
        for (String topic : topics) {
            Set<Integer> permanent = new HashSet<>();
            for (int i = 0; i < PERMANENT.size(); i++) {
                if (TopicTrieRandomizedTest.bruteForceMatches(PERMANENT.get(i), topic)) {
                    permanent.add(-1 - i);
                }
            }
            expected.add(permanent);
        }
        List<Integer> seen = new ArrayList<>();
        int matches = 0;
        while (!writerDone.get() && failures.size() < 10) {
            for (int t = 0; t < topics.size(); t++) {
                String topic = topics.get(t);
                seen.clear();
                trie.match(topic, seen::add);
                check(topic, expected.get(t), seen);
                matches++;
            }
        }
        return matches;
    }

    private void check(String topic, Set<Integer> permanent, List<Integer> seen) {
        Set<Integer> distinct = new HashSet<>(seen);
        if (distinct.size() != seen.size()) {
            failures.add(topic + ": a value reported twice in " + seen);
        }
        for (Integer value : permanent) {
            if (!distinct.contains(value)) {
                failures.add(topic + ": permanent filter " + PERMANENT.get(-1 - value) + " missed in " + seen);
            }
        }
        for (Integer value : distinct) {
            if (value < 0) {
                if (!permanent.contains(value)) {
                    failures.add(topic + ": permanent filter " + PERMANENT.get(-1 - value) + " should not match");
                }
                continue;
            }
            String filter = everAdded.get(value);
            if (filter == null) {
                failures.add(topic + ": value " + value + " was never added");
            } else if (!TopicTrieRandomizedTest.bruteForceMatches(filter, topic)) {
                failures.add(topic + ": value " + value + " of " + filter + " does not match");
            }
        }
    }
}
