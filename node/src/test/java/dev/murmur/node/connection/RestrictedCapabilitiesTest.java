package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node with optional features switched off: the CONNACK says so, and a client that uses them
 * anyway gets the precise reason code (MQTT 5.0 3.2.2.3, 4.13).
 */
class RestrictedCapabilitiesTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.mqtt5.maximum-qos = 1
                murmur.mqtt5.retain-available = off
                murmur.mqtt5.wildcard-subscription-available = off
                murmur.mqtt5.subscription-identifiers-available = off
                murmur.mqtt5.shared-subscription-available = off
                murmur.mqtt5.topic-alias-maximum = 0
                """);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawClient connected() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id("restricted"), Properties.EMPTY));
        c.expect(ConnAck.class);
        return c;
    }

    private static void assertDisconnected(RawClient c, ReasonCode code) throws Exception {
        assertThat(c.expect(Disconnect.class).reasonCode()).isEqualTo(code);
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }

    @Test
    void connAckAnnouncesWhatIsOff() {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("caps"));
        Mqtt5ConnAckRestrictions r = c.connect().getRestrictions();
        assertThat(r.getMaximumQos()).isEqualTo(MqttQos.AT_LEAST_ONCE); // MQTT-3.2.2-9
        assertThat(r.isRetainAvailable()).isFalse();
        assertThat(r.isWildcardSubscriptionAvailable()).isFalse();
        assertThat(r.areSubscriptionIdentifiersAvailable()).isFalse();
        assertThat(r.isSharedSubscriptionAvailable()).isFalse();
        assertThat(r.getTopicAliasMaximum()).isZero(); // absent: 0
        c.disconnect();
    }

    @Test
    void publishAboveMaximumQosIsDisconnectedWith0x9B() throws Exception {
        RawClient c = connected();
        c.send(new Publish("a/b", QoS.EXACTLY_ONCE, false, false, 1, new byte[] {1}, Properties.EMPTY));
        assertDisconnected(c, ReasonCode.QOS_NOT_SUPPORTED); // MQTT-3.2.2-11
    }

    @Test
    void retainedPublishIsDisconnectedWith0x9A() throws Exception {
        RawClient c = connected();
        c.send(new Publish("a/b", QoS.AT_MOST_ONCE, true, false, 0, new byte[] {1}, Properties.EMPTY));
        assertDisconnected(c, ReasonCode.RETAIN_NOT_SUPPORTED); // MQTT-3.2.2-14
    }

    @Test
    void willAboveMaximumQosIsRefusedWith0x9B() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V5)) {
            Will will = new Will("w", new byte[] {1}, QoS.EXACTLY_ONCE, false, Properties.EMPTY);
            c.send(new Connect(MqttVersion.V5, Clients.id("will"), true, 60, null, null, will, Properties.EMPTY));
            assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.QOS_NOT_SUPPORTED); // MQTT-3.2.2-12
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void retainedWillIsRefusedWith0x9A() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V5)) {
            Will will = new Will("w", new byte[] {1}, QoS.AT_MOST_ONCE, true, Properties.EMPTY);
            c.send(new Connect(MqttVersion.V5, Clients.id("will"), true, 60, null, null, will, Properties.EMPTY));
            assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.RETAIN_NOT_SUPPORTED); // MQTT-3.2.2-13
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void subscribeGetsPerFilterCodesAndAGrantedQosNoAboveTheMaximum() throws Exception {
        try (RawClient c = connected()) {
            c.send(new Subscribe(1, List.of(Subscription.of("plain/topic", QoS.EXACTLY_ONCE),
                    Subscription.of("wild/+", QoS.AT_MOST_ONCE),
                    Subscription.of("$share/g/plain", QoS.AT_MOST_ONCE)), Properties.EMPTY));
            SubAck ack = c.expect(SubAck.class);
            assertThat(ack.reasonCodes()).containsExactly(
                    ReasonCode.GRANTED_QOS_1, // QoS 2 asked, Maximum QoS 1 granted (MQTT-3.2.2-10)
                    ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED, // 0xA2
                    ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED); // 0x9E
            assertThat(ack.properties().reasonString()).isNotNull(); // 3.9.2.1.2: the client did not refuse them
        }
    }

    @Test
    void subscriptionIdentifierIsDisconnectedWith0xA1() throws Exception {
        RawClient c = connected();
        c.send(new Subscribe(1, List.of(Subscription.of("x", QoS.AT_MOST_ONCE)),
                Properties.builder().subscriptionIdentifier(5).build()));
        assertDisconnected(c, ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
    }

    @Test
    void topicAliasWithMaximumZeroIsDisconnectedWith0x94() throws Exception {
        RawClient c = connected();
        c.send(new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, new byte[] {1},
                Properties.builder().topicAlias(1).build()));
        assertDisconnected(c, ReasonCode.TOPIC_ALIAS_INVALID); // MQTT-3.2.2-18, MQTT-3.3.2-9
    }

    @Test
    void v311ClientsGetTheSameRefusalsAsSubAckFailure() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V3_1_1)) {
            c.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("v3")));
            c.expect(ConnAck.class);
            c.send(new Subscribe(1, List.of(Subscription.of("wild/#", QoS.AT_MOST_ONCE),
                    Subscription.of("plain", QoS.EXACTLY_ONCE)), Properties.EMPTY));
            // 3.1.1 MQTT-3.8.3-2: wildcards not supported, so refused (0x80 in 3.1.1); QoS capped at 1
            assertThat(c.expect(SubAck.class).reasonCodes()).containsExactly(ReasonCode.UNSPECIFIED_ERROR,
                    ReasonCode.GRANTED_QOS_1);
        }
    }
}
