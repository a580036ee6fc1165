package dev.murmur.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicTrieTest {

    private final TopicTrie<String> trie = new TopicTrie<>();

    private List<String> match(String topic) {
        List<String> out = new ArrayList<>();
        trie.match(topic, out::add);
        return out;
    }

    /** Adds each filter with itself as the value, so a match lists the matching filters. */
    private void subscribe(String... filters) {
        for (String filter : filters) {
            trie.add(filter, filter);
        }
    }

    // --- MQTT 5.0 section 4.7.1.2, multi-level wildcard ---

    @Test
    void multiLevelWildcardMatchesTheParentAndAnyNumberOfChildLevels() {
        subscribe("sport/tennis/player1/#");
        assertThat(match("sport/tennis/player1")).containsExactly("sport/tennis/player1/#");
        assertThat(match("sport/tennis/player1/ranking")).containsExactly("sport/tennis/player1/#");
        assertThat(match("sport/tennis/player1/score/wimbledon")).containsExactly("sport/tennis/player1/#");
        assertThat(match("sport/tennis/player2")).isEmpty();
    }

    @Test
    void sportHashMatchesSport() {
        subscribe("sport/#");
        assertThat(match("sport")).containsExactly("sport/#");
        assertThat(match("sport/")).containsExactly("sport/#");
        assertThat(match("sports")).isEmpty();
    }

    @Test
    void hashAloneMatchesEveryTopic() {
        subscribe("#");
        assertThat(match("a")).containsExactly("#");
        assertThat(match("a/b/c")).containsExactly("#");
        assertThat(match("/")).containsExactly("#");
    }

    /** MQTT-4.7.1-1: '#' must be alone in its level and the last level. */
    @ParameterizedTest
    @ValueSource(strings = {"sport/tennis#", "sport/tennis/#/ranking", "#/a", "a/b#", "##"})
    void misplacedMultiLevelWildcardIsRefused(String filter) {
        assertThatThrownBy(() -> trie.add(filter, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trie.remove(filter, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- MQTT 5.0 section 4.7.1.3, single-level wildcard ---

    @Test
    void plusMatchesExactlyOneLevel() {
        subscribe("sport/tennis/+");
        assertThat(match("sport/tennis/player1")).containsExactly("sport/tennis/+");
        assertThat(match("sport/tennis/player2")).containsExactly("sport/tennis/+");
        assertThat(match("sport/tennis/player1/ranking")).isEmpty();
    }

    @Test
    void sportPlusDoesNotMatchSportButMatchesSportSlash() {
        subscribe("sport/+");
        assertThat(match("sport")).isEmpty();
        assertThat(match("sport/")).containsExactly("sport/+");
    }

    @Test
    void plusMatchesAnEmptyFirstLevel() {
        subscribe("+/+", "/+", "+");
        assertThat(match("/finance")).containsExactlyInAnyOrder("+/+", "/+");
        assertThat(match("finance")).containsExactly("+");
    }

    @Test
    void plusCombinesWithOtherLevelsAndWithHash() {
        subscribe("+", "+/tennis/#", "sport/+/player1");
        assertThat(match("sport/tennis/player1")).containsExactlyInAnyOrder("+/tennis/#", "sport/+/player1");
        assertThat(match("sport/golf/player1")).containsExactly("sport/+/player1");
        assertThat(match("x/tennis")).containsExactly("+/tennis/#");
    }

    /** MQTT-4.7.1-2: '+' must occupy an entire level. */
    @ParameterizedTest
    @ValueSource(strings = {"sport+", "sport/+tennis", "a/++/b", "+a"})
    void partialSingleLevelWildcardIsRefused(String filter) {
        assertThatThrownBy(() -> trie.add(filter, "v")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyFilterIsRefused() {
        assertThatThrownBy(() -> trie.add("", "v")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- MQTT 5.0 section 4.7.2, topics beginning with $ ---

    /** MQTT-4.7.2-1: '#' and '+' as first level do not match topics beginning with '$'. */
    @Test
    void wildcardFirstLevelDoesNotMatchDollarTopics() {
        subscribe("#", "+/monitor/Clients", "+", "+/#");
        assertThat(match("$SYS/monitor/Clients")).isEmpty();
        assertThat(match("$SYS")).isEmpty();
        assertThat(match("SYS/monitor/Clients")).containsExactlyInAnyOrder("#", "+/monitor/Clients", "+/#");
    }

    @Test
    void filtersNamingTheDollarLevelMatchDollarTopics() {
        subscribe("$SYS/#", "$SYS/monitor/+", "$SYS/monitor/Clients");
        assertThat(match("$SYS/monitor/Clients"))
                .containsExactlyInAnyOrder("$SYS/#", "$SYS/monitor/+", "$SYS/monitor/Clients");
    }

    @Test
    void dollarRuleAppliesToTheFirstLevelOnly() {
        subscribe("a/+", "a/#");
        assertThat(match("a/$b")).containsExactlyInAnyOrder("a/+", "a/#");
    }

    // --- MQTT 5.0 section 4.7.3, topic semantics ---

    @Test
    void emptyLevelsAreLevels() {
        subscribe("a//b", "a/+/b", "/x", "x/", "a/b");
        assertThat(match("a//b")).containsExactlyInAnyOrder("a//b", "a/+/b");
        assertThat(match("a/b")).containsExactly("a/b");
        assertThat(match("/x")).containsExactly("/x");
        assertThat(match("x")).isEmpty();
        assertThat(match("x/")).containsExactly("x/");
    }

    @Test
    void matchingIsCaseSensitive() {
        // MQTT-4.7.3-4 (3.1.1 MQTT-4.7.3-4): no normalisation when matching
        subscribe("ACCOUNTS");
        assertThat(match("Accounts")).isEmpty();
        assertThat(match("ACCOUNTS")).containsExactly("ACCOUNTS");
    }

    // --- add / remove semantics ---

    @Test
    void addReportsWhetherThePairIsNew() {
        assertThat(trie.add("a/b", "v1")).isTrue();
        assertThat(trie.add("a/b", "v1")).isFalse();
        assertThat(trie.add("a/b", "v2")).isTrue();
        assertThat(trie.add("a/+", "v1")).isTrue();
        assertThat(trie.size()).isEqualTo(3);
        assertThat(match("a/b")).containsExactlyInAnyOrder("v1", "v2", "v1");
    }

    @Test
    void removeReportsWhetherThePairWasThere() {
        trie.add("a/b", "v1");
        assertThat(trie.remove("a/b", "v2")).isFalse();
        assertThat(trie.remove("a/c", "v1")).isFalse();
        assertThat(trie.remove("a", "v1")).isFalse();
        assertThat(trie.remove("a/b/c", "v1")).isFalse();
        assertThat(trie.remove("a/#", "v1")).isFalse();
        assertThat(trie.remove("a/b", "v1")).isTrue();
        assertThat(trie.remove("a/b", "v1")).isFalse();
        assertThat(trie.size()).isZero();
        assertThat(match("a/b")).isEmpty();
    }

    @Test
    void hashAndExactValuesOfTheSameNodeAreSeparate() {
        trie.add("a/b", "exact");
        trie.add("a/b/#", "hash");
        assertThat(match("a/b")).containsExactlyInAnyOrder("exact", "hash");
        trie.remove("a/b/#", "hash");
        assertThat(match("a/b")).containsExactly("exact");
        assertThat(match("a/b/c")).isEmpty();
    }

    @Test
    void manyValuesOnOneFilterGrowAndShrink() {
        for (int i = 0; i < 100; i++) {
            assertThat(trie.add("f", "v" + i)).isTrue();
        }
        assertThat(match("f")).hasSize(100);
        for (int i = 0; i < 99; i++) {
            assertThat(trie.remove("f", "v" + i)).isTrue();
            assertThat(match("f")).hasSize(99 - i).doesNotContain("v" + i);
        }
        assertThat(match("f")).containsExactly("v99");
    }

    @Test
    void arrayValuesStayDistinctFromTheInternalEncoding() {
        TopicTrie<Object> objects = new TopicTrie<>();
        Object[] array = {"x", "y"};
        objects.add("a", array);
        List<Object> out = new ArrayList<>();
        objects.match("a", out::add);
        assertThat(out).containsExactly((Object) array);
        objects.add("a", "z");
        objects.remove("a", "z");
        out.clear();
        objects.match("a", out::add);
        assertThat(out).containsExactly((Object) array);
    }

    // --- structure: path compression and pruning ---

    @Test
    void aRunOfExactLevelsIsOneNodeSplitAndMergedOnDemand() {
        trie.add("a/b/c/d", "v");
        assertThat(trie.nodeCount()).isEqualTo(2);
        trie.add("a/b/x", "w"); // splits the run at "a/b"
        assertThat(trie.nodeCount()).isEqualTo(4);
        assertThat(match("a/b/c/d")).containsExactly("v");
        assertThat(match("a/b/x")).containsExactly("w");
        assertThat(match("a/b")).isEmpty();
        trie.remove("a/b/x", "w"); // merges back
        assertThat(trie.nodeCount()).isEqualTo(2);
        assertThat(match("a/b/c/d")).containsExactly("v");
        assertThat(match("a/b/c")).isEmpty();
        assertThat(match("a/b/c/d/e")).isEmpty();
    }

    @Test
    void removingEverythingPrunesBackToTheRoot() {
        List<String> filters = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            filters.add("tenant/t" + i % 7 + "/device/d" + i + "/telemetry");
            filters.add("tenant/t" + i % 7 + "/device/+/cmd/" + i);
            filters.add("tenant/t" + i % 7 + "/device/d" + i + "/#");
        }
        filters.add("#");
        filters.add("+/+");
        for (String f : filters) {
            trie.add(f, "v");
        }
        assertThat(trie.size()).isEqualTo(filters.size());
        assertThat(match("tenant/t3/device/d10/telemetry")).hasSize(3);
        for (String f : filters) {
            assertThat(trie.remove(f, "v")).isTrue();
        }
        assertThat(trie.size()).isZero();
        assertThat(trie.nodeCount()).isEqualTo(1);
    }

    @Test
    void churnDoesNotGrowTheTrie() {
        for (int i = 0; i < 50; i++) {
            trie.add("keep/d" + i + "/x", "k");
        }
        int baseline = trie.nodeCount();
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 300; i++) {
                trie.add("keep/d" + i + "/x/" + round, "c");
                trie.add("keep/d" + i + "/+", "c");
            }
            for (int i = 0; i < 300; i++) {
                trie.remove("keep/d" + i + "/x/" + round, "c");
                trie.remove("keep/d" + i + "/+", "c");
            }
            assertThat(trie.nodeCount()).isEqualTo(baseline);
        }
        assertThat(match("keep/d7/x")).containsExactly("k");
    }
}
