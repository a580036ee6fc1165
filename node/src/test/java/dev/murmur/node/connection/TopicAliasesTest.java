package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The alias tables of one connection: inbound bounds, outbound assignment and LRU re-use. */
class TopicAliasesTest {

    private static TopicAliases.Outbound use(TopicAliases a, String topic) {
        TopicAliases.Outbound o = a.outbound(topic);
        a.commit(o);
        return o;
    }

    @Test
    void inboundAliasesAreOneToTheMaximum() {
        TopicAliases a = new TopicAliases(3, 0);
        assertThat(a.inboundAllowed(0)).isFalse(); // MQTT-3.3.2-8
        assertThat(a.inboundAllowed(1)).isTrue();
        assertThat(a.inboundAllowed(3)).isTrue();
        assertThat(a.inboundAllowed(4)).isFalse(); // MQTT-3.3.2-9
        assertThat(a.resolve(2)).isNull();
        a.set(2, "x/y");
        assertThat(a.resolve(2)).isEqualTo("x/y");
        a.set(2, "z"); // a PUBLISH with topic and alias replaces the mapping
        assertThat(a.resolve(2)).isEqualTo("z");
    }

    @Test
    void noOutboundAliasesWhenTheClientAllowsNone() {
        assertThat(new TopicAliases(5, 0).outbound("t")).isNull();
    }

    @Test
    void firstUseSendsTheTopicLaterOnlyTheAlias() {
        TopicAliases a = new TopicAliases(0, 2);
        assertThat(use(a, "a")).isEqualTo(new TopicAliases.Outbound(1, true, "a"));
        assertThat(use(a, "a")).isEqualTo(new TopicAliases.Outbound(1, false, "a"));
        assertThat(use(a, "b")).isEqualTo(new TopicAliases.Outbound(2, true, "b"));
    }

    @Test
    void leastRecentlyUsedAliasIsReassigned() {
        TopicAliases a = new TopicAliases(0, 2);
        use(a, "a");
        use(a, "b");
        use(a, "a"); // b is now the least recently used
        assertThat(use(a, "c")).isEqualTo(new TopicAliases.Outbound(2, true, "c"));
        assertThat(use(a, "b")).isEqualTo(new TopicAliases.Outbound(1, true, "b")); // a was next in line
        assertThat(use(a, "c")).isEqualTo(new TopicAliases.Outbound(2, false, "c"));
    }

    @Test
    void uncommittedChoiceChangesNothing() {
        TopicAliases a = new TopicAliases(0, 1);
        use(a, "a");
        TopicAliases.Outbound dropped = a.outbound("big"); // e.g. the packet was too large to send
        assertThat(dropped.alias()).isEqualTo(1);
        assertThat(a.outbound("a")).isEqualTo(new TopicAliases.Outbound(1, false, "a"));
    }
}
