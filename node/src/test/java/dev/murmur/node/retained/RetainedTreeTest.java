package dev.murmur.node.retained;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retained messages matched by filters, with the '$' rule and clearing. */
class RetainedTreeTest {
    private static RoutedMessage m(String topic) {
        return new RoutedMessage(topic, new byte[] {1}, QoS.AT_MOST_ONCE, true, Properties.EMPTY, "p", 0L);
    }

    private static List<String> match(RetainedTree t, String filter) {
        List<String> topics = new ArrayList<>();
        t.match(filter, r -> topics.add(r.topic()));
        return topics;
    }

    @Test
    void wildcardsFindEveryMatchingTopic() {
        RetainedTree t = new RetainedTree();
        List.of("sport", "sport/tennis", "sport/tennis/player1", "sport/golf", "/finance", "$SYS/uptime")
                .forEach(topic -> t.put(m(topic)));
        assertThat(match(t, "sport/#")).containsExactlyInAnyOrder("sport", "sport/tennis", "sport/tennis/player1",
                "sport/golf"); // MQTT 4.7.1.2: '#' includes the parent level
        assertThat(match(t, "sport/+")).containsExactlyInAnyOrder("sport/tennis", "sport/golf");
        assertThat(match(t, "+/+")).containsExactlyInAnyOrder("sport/tennis", "sport/golf", "/finance");
        assertThat(match(t, "#")).doesNotContain("$SYS/uptime"); // MQTT-4.7.2-1
        assertThat(match(t, "$SYS/#")).containsExactly("$SYS/uptime");
    }

    @Test
    void removingClearsAndPrunes() {
        RetainedTree t = new RetainedTree();
        t.put(m("a/b/c"));
        assertThat(t.size()).isEqualTo(1);
        t.remove("a/b/c");
        t.remove("a/b/c");
        assertThat(t.size()).isZero();
        assertThat(match(t, "#")).isEmpty();
    }

    @Test
    void putReplacesTheTopicsMessage() {
        RetainedTree t = new RetainedTree();
        t.put(m("x"));
        t.put(m("x"));
        assertThat(t.size()).isEqualTo(1);
    }
}
