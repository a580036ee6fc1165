package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Topic aliases in both directions, on the wire (MQTT 5.0 3.3.2.3.4). */
class TopicAliasTest {
    private static final int OUR_MAXIMUM = 4;
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.mqtt5.topic-alias-maximum = " + OUR_MAXIMUM);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A v5 raw client that announced {@code aliasMaximum} (null: none) and subscribed to {@code filter}. */
    private static RawClient subscriber(Integer aliasMaximum, String filter) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id("alias-sub"), Properties.builder().topicAliasMaximum(aliasMaximum).build()));
        c.expect(ConnAck.class);
        c.send(new Subscribe(1, List.of(Subscription.of(filter, QoS.AT_MOST_ONCE)), Properties.EMPTY));
        c.expect(SubAck.class);
        return c;
    }

    private static RawClient publisher() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id("alias-pub"), Properties.EMPTY));
        assertThat(c.expect(ConnAck.class).properties().topicAliasMaximum()).isEqualTo(OUR_MAXIMUM);
        return c;
    }

    private static Publish qos0(String topic, Integer alias, int payload) {
        return new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, new byte[] {(byte) payload},
                Properties.builder().topicAlias(alias).build());
    }

    @Test
    void inboundAliasIsSetThenUsedWithAnEmptyTopic() throws Exception {
        String topic = "alias/in/" + Clients.id("t");
        try (RawClient sub = subscriber(null, topic); RawClient pub = publisher()) {
            pub.send(qos0(topic, OUR_MAXIMUM, 1)); // sets our highest alias (MQTT-3.3.2-12)
            pub.send(qos0("", OUR_MAXIMUM, 2)); // uses it
            for (int i = 1; i <= 2; i++) {
                Publish p = sub.expect(Publish.class);
                assertThat(p.topic()).isEqualTo(topic);
                assertThat(p.payload()).containsExactly(i);
                // MQTT-3.3.2-7: aliases are per connection, never forwarded; this client allowed none
                assertThat(p.properties().topicAlias()).isNull();
            }
        }
    }

    @Test
    void aliasZeroIsAProtocolError() throws Exception {
        RawClient pub = publisher();
        // MQTT-3.3.2-8: alias 0 is not permitted. 0x94 is defined for aliases above the maximum; the
        // decoder refuses 0 as an out-of-range property value, a Protocol Error (4.13).
        pub.send(qos0("a", 0, 1));
        assertThat(pub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(pub.isClosedByServer()).isTrue();
        pub.close();
    }

    @Test
    void aliasAboveOurMaximumIsDisconnectedWith0x94() throws Exception {
        RawClient pub = publisher();
        pub.send(qos0("a", OUR_MAXIMUM + 1, 1)); // MQTT-3.3.2-9, MQTT-3.2.2-17
        assertThat(pub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.TOPIC_ALIAS_INVALID);
        assertThat(pub.isClosedByServer()).isTrue();
        pub.close();
    }

    @Test
    void unknownAliasWithEmptyTopicIsAProtocolError() throws Exception {
        RawClient pub = publisher();
        pub.send(qos0("", 2, 1)); // 3.3.2.3.4: no mapping for alias 2 on this connection
        assertThat(pub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(pub.isClosedByServer()).isTrue();
        pub.close();
    }

    @Test
    void aliasesDoNotOutliveTheConnection() throws Exception {
        String id = Clients.id("alias-pub");
        try (RawClient first = new RawClient(port, MqttVersion.V5)) {
            first.send(RawClient.connectV5(id, Properties.EMPTY));
            first.expect(ConnAck.class);
            first.send(qos0("some/topic", 1, 1));
            first.send(Disconnect.NORMAL);
            assertThat(first.isClosedByServer()).isTrue();
        }
        RawClient second = new RawClient(port, MqttVersion.V5);
        second.send(RawClient.connectV5(id, Properties.EMPTY));
        second.expect(ConnAck.class);
        second.send(qos0("", 1, 2)); // MQTT-3.3.2-7: the mapping of the old connection is gone
        assertThat(second.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        second.close();
    }

    @Test
    void outboundAliasesAreUsedWhenTheClientAllowsThem() throws Exception {
        String base = "alias/out/" + Clients.id("t");
        try (RawClient sub = subscriber(2, base + "/#"); RawClient pub = publisher()) {
            String[] topics = {base + "/a", base + "/a", base + "/b", base + "/a", base + "/c", base + "/b"};
            for (int i = 0; i < topics.length; i++) {
                pub.send(qos0(topics[i], null, i));
            }
            Publish[] got = new Publish[topics.length];
            for (int i = 0; i < topics.length; i++) {
                got[i] = sub.expect(Publish.class);
                assertThat(got[i].payload()).containsExactly(i);
                int alias = got[i].properties().topicAlias();
                // MQTT-3.3.2-11, MQTT-3.1.2-26: never above the client's Topic Alias Maximum, never 0
                assertThat(alias).isBetween(1, 2);
            }
            assertThat(got[0].topic()).isEqualTo(base + "/a"); // first use: topic and alias
            assertThat(got[1].topic()).isEmpty(); // then the alias alone
            assertThat(got[1].properties().topicAlias()).isEqualTo(got[0].properties().topicAlias());
            assertThat(got[2].topic()).isEqualTo(base + "/b");
            assertThat(got[3].topic()).isEmpty();
            // both aliases taken: /c replaces the least recently used one (/b), /b then comes back in full
            assertThat(got[4].topic()).isEqualTo(base + "/c");
            assertThat(got[4].properties().topicAlias()).isEqualTo(got[2].properties().topicAlias());
            assertThat(got[5].topic()).isEqualTo(base + "/b");
        }
    }

    @Test
    void noOutboundAliasesForAClientThatAnnouncedNone() throws Exception {
        String topic = "alias/none/" + Clients.id("t");
        try (RawClient sub = subscriber(null, topic); RawClient pub = publisher()) {
            pub.send(qos0(topic, null, 1));
            pub.send(qos0(topic, null, 2));
            for (int i = 0; i < 2; i++) {
                Publish p = sub.expect(Publish.class);
                assertThat(p.topic()).isEqualTo(topic);
                assertThat(p.properties().topicAlias()).isNull(); // MQTT-3.1.2-27: Topic Alias Maximum absent
            }
        }
    }
}
