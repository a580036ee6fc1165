package dev.murmur.protocol.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Topics#matches}: the spec's examples as a truth table (MQTT 5.0 sections 4.7.1-4.7.3). */
class TopicsMatchTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        // 4.7.1.2 multi-level wildcard
        "sport/tennis/player1/# | sport/tennis/player1                  | true",
        "sport/tennis/player1/# | sport/tennis/player1/ranking          | true",
        "sport/tennis/player1/# | sport/tennis/player1/score/wimbledon  | true",
        "sport/tennis/player1/# | sport/tennis/player2                  | false",
        "sport/tennis/player1/# | sport/tennis                          | false",
        "sport/#                | sport                                 | true",
        "sport/#                | sport/                                | true",
        "sport/#                | sports                                | false",
        "#                      | sport/tennis                          | true",
        "#                      | /                                     | true",
        "/#                     | /finance                              | true",
        "/#                     | finance                               | false",
        // 4.7.1.3 single-level wildcard
        "sport/tennis/+         | sport/tennis/player1                  | true",
        "sport/tennis/+         | sport/tennis/player2                  | true",
        "sport/tennis/+         | sport/tennis/player1/ranking          | false",
        "sport/+                | sport                                 | false",
        "sport/+                | sport/                                | true",
        "+/+                    | /finance                              | true",
        "/+                     | /finance                              | true",
        "+                      | /finance                              | false",
        "+                      | finance                               | true",
        "+                      | finance/                              | false",
        "sport/+/player1        | sport/tennis/player1                  | true",
        "sport/+/player1        | sport//player1                        | true",
        "sport/+/player1        | sport/tennis/player2                  | false",
        "+/tennis/#             | sport/tennis                          | true",
        "+/tennis/#             | sport/tennis/player1/ranking          | true",
        "+/tennis/#             | sport/golf                            | false",
        "+/+/+                  | a/b                                   | false",
        "a/+/+/#                | a/b/c                                 | true",
        // 4.7.2 topics beginning with '$' (MQTT-4.7.2-1)
        "#                      | $SYS/monitor/Clients                  | false",
        "+/monitor/Clients      | $SYS/monitor/Clients                  | false",
        "+                      | $SYS                                  | false",
        "$SYS/#                 | $SYS/monitor/Clients                  | true",
        "$SYS/#                 | $SYS                                  | true",
        "$SYS/monitor/+         | $SYS/monitor/Clients                  | true",
        "$SYS/+/Clients         | $SYS/monitor/Clients                  | true",
        "a/#                    | a/$SYS                                | true",
        "+/$x                   | a/$x                                  | true",
        // 4.7.3 exact levels, empty levels and case sensitivity
        "sport/tennis           | sport/tennis                          | true",
        "sport/tennis           | sport/tennis/                         | false",
        "sport/tennis/          | sport/tennis                          | false",
        "sport/tennis           | sport/tennisplayer                    | false",
        "sport/tennisplayer     | sport/tennis                          | false",
        "ACCOUNTS               | accounts                              | false",
        "a//b                   | a//b                                  | true",
        "a//b                   | a/b                                   | false",
        "/                      | /                                     | true",
        "//                     | /                                     | false",
        "/finance               | finance                               | false",
    })
    void truthTable(String filter, String topic, boolean expected) {
        assertThat(Topics.matches(filter, topic)).isEqualTo(expected);
        if (!Topics.hasWildcard(filter)) {
            // Without wildcards a filter matches exactly the equal topic.
            assertThat(expected).isEqualTo(filter.equals(topic));
        }
    }

    @Test
    void agreesWithASplittingReferenceOnEveryShortTopicAndFilter() {
        List<String> topics = combinations(List.of("a", "b", "", "$x"), 3);
        List<String> filters = new ArrayList<>(List.of("#"));
        for (String f : combinations(List.of("a", "+", "", "$x"), 3)) {
            filters.add(f);
            filters.add(f + "/#");
        }
        int matched = 0;
        for (String filter : filters) {
            assertThat(Topics.isValidTopicFilter(filter)).as(filter).isTrue();
            for (String topic : topics) {
                boolean expected = reference(filter, topic);
                assertThat(Topics.matches(filter, topic)).as("%s ~ %s", filter, topic).isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
        }
        assertThat(matched).isPositive();
    }

    /** Every join of 1 to {@code maxLevels} levels taken from {@code levels}. */
    private static List<String> combinations(List<String> levels, int maxLevels) {
        List<String> out = new ArrayList<>();
        List<String> previous = List.of("");
        for (int depth = 1; depth <= maxLevels; depth++) {
            List<String> next = new ArrayList<>();
            for (String prefix : previous) {
                for (String level : levels) {
                    next.add(depth == 1 ? level : prefix + "/" + level);
                }
            }
            out.addAll(next);
            previous = next;
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    /** The obvious split-based matcher, trusted for being simple (tests only). */
    private static boolean reference(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
