package dev.murmur.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Compares the trie with a brute-force matcher on random filters, topics and churn. */
class TopicTrieRandomizedTest {

    /** A small alphabet so that random filters and topics collide often; "" is an empty level. */
    private static final String[] LEVELS = {"a", "b", "c", "", "dd", "a1", "$s"};

    /** Spec matching, level by level, written as plainly as possible (MQTT 5.0 section 4.7). */
    static boolean bruteForceMatches(String filter, String topic) {
        return bruteForceMatches(filter.split("/", -1), topic.split("/", -1));
    }

    static boolean bruteForceMatches(String[] f, String[] t) {
        if (t[0].startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false; // MQTT-4.7.2-1
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // also the parent level: "sport/#" matches "sport"
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }

    static String randomFilter(Random random) {
        int depth = 1 + random.nextInt(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append('/');
            }
            int dice = random.nextInt(10);
            if (i == depth - 1 && dice == 0) {
                sb.append('#');
            } else if (dice <= 2) {
                sb.append('+');
            } else {
                sb.append(randomLevel(random));
            }
        }
        return sb.isEmpty() ? "/" : sb.toString(); // "" is neither a valid filter nor a valid topic
    }

    /** Mostly the small alphabet; sometimes one of 40 more names, so nodes outgrow their arrays. */
    static String randomLevel(Random random) {
        return random.nextInt(4) == 0 ? "n" + random.nextInt(40) : LEVELS[random.nextInt(LEVELS.length)];
    }

    static String randomTopic(Random random) {
        int depth = 1 + random.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(randomLevel(random));
        }
        return sb.isEmpty() ? "/" : sb.toString(); // "" is neither a valid filter nor a valid topic
    }

    @Test
    void matchesAgreeWithBruteForceUnderRandomAddsAndRemoves() {
        Random random = new Random(20240917L);
        TopicTrie<Integer> trie = new TopicTrie<>();
        Map<String, Set<Integer>> reference = new HashMap<>();
        String[] pool = new String[3_000]; // a bounded pool, so removes hit and the reference stays small
        for (int i = 0; i < pool.length; i++) {
            pool[i] = randomFilter(random);
        }
        int checks = 0;
        for (int round = 0; round < 400; round++) {
            for (int op = 0; op < 50; op++) {
                String filter = pool[random.nextInt(pool.length)];
                Integer value = random.nextInt(4);
                Set<Integer> values = reference.computeIfAbsent(filter, k -> new HashSet<>());
                if (random.nextInt(3) == 0) {
                    assertThat(trie.remove(filter, value)).isEqualTo(values.remove(value));
                } else {
                    assertThat(trie.add(filter, value)).isEqualTo(values.add(value));
                }
            }
            assertThat(trie.size()).isEqualTo(reference.values().stream().mapToInt(Set::size).sum());
            for (int t = 0; t < 100; t++) {
                String topic = random.nextInt(8) == 0 ? "$s/" + randomTopic(random) : randomTopic(random);
                assertThat(matchSorted(trie, topic)).as(topic).isEqualTo(bruteForce(reference, topic));
                checks++;
            }
        }
        assertThat(checks).isEqualTo(40_000);
    }

    @Test
    void removingInRandomOrderLeavesAnEmptyTrie() {
        Random random = new Random(7L);
        TopicTrie<Integer> trie = new TopicTrie<>();
        Map<String, Integer> added = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String filter = randomFilter(random);
            if (added.putIfAbsent(filter, i) == null) {
                assertThat(trie.add(filter, i)).isTrue();
            }
        }
        List<String> filters = new ArrayList<>(added.keySet());
        Collections.shuffle(filters, random);
        for (String filter : filters) {
            int before = trie.size();
            assertThat(trie.remove(filter, added.get(filter))).isTrue();
            assertThat(trie.size()).isEqualTo(before - 1);
        }
        assertThat(trie.nodeCount()).isEqualTo(1);
    }

    private static List<Integer> matchSorted(TopicTrie<Integer> trie, String topic) {
        List<Integer> out = new ArrayList<>();
        trie.match(topic, out::add);
        Collections.sort(out);
        return out;
    }

    private static final Map<String, String[]> SPLIT = new HashMap<>();

    private static List<Integer> bruteForce(Map<String, Set<Integer>> reference, String topic) {
        List<Integer> out = new ArrayList<>();
        String[] levels = topic.split("/", -1);
        reference.forEach((filter, values) -> {
            if (!values.isEmpty() && bruteForceMatches(SPLIT.computeIfAbsent(filter, f -> f.split("/", -1)), levels)) {
                out.addAll(values);
            }
        });
        Collections.sort(out);
        return out;
    }
}
