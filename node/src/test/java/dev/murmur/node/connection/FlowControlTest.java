package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Receive Maximum and Maximum Packet Size, in both directions (MQTT 5.0 4.9, 3.1.2.11.4). */
class FlowControlTest {
    private static final int OUR_RECEIVE_MAXIMUM = 3;
    private static final int OUR_MAX_PACKET = 2048;
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.mqtt.receive-maximum = " + OUR_RECEIVE_MAXIMUM
                + "\nmurmur.mqtt.max-packet-size = " + OUR_MAX_PACKET);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawClient subscriber(Properties connectProperties, String topic, QoS qos) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id("flow-sub"), connectProperties));
        c.expect(ConnAck.class);
        c.send(new Subscribe(1, List.of(Subscription.of(topic, qos)), Properties.EMPTY));
        c.expect(SubAck.class);
        return c;
    }

    private static Mqtt5BlockingClient publisher() {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("flow-pub"));
        c.connect();
        return c;
    }

    @Test
    void neverMoreUnacknowledgedPublishesThanTheClientsReceiveMaximum() throws Exception {
        String topic = "flow/rm/" + Clients.id("t");
        try (RawClient sub = subscriber(Properties.builder().receiveMaximum(2).build(), topic, QoS.AT_LEAST_ONCE)) {
            Mqtt5BlockingClient pub = publisher();
            for (int i = 0; i < 4; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) i}).send();
            }
            Publish first = sub.expect(Publish.class);
            Publish second = sub.expect(Publish.class);
            // MQTT-3.3.4-9: with two unacknowledged QoS 1 PUBLISHes the server sends no third
            assertThat(sub.poll(Duration.ofMillis(500))).isNull();
            sub.send(PubAck.of(first.packetId()));
            Publish third = sub.expect(Publish.class);
            assertThat(third.payload()).containsExactly(2);
            assertThat(sub.poll(Duration.ofMillis(300))).isNull();
            sub.send(PubAck.of(second.packetId()));
            assertThat(sub.expect(Publish.class).payload()).containsExactly(3);
            pub.disconnect();
        }
    }

    @Test
    void exceedingOurReceiveMaximumIsDisconnectedWith0x93() throws Exception {
        RawClient pub = new RawClient(port, MqttVersion.V5);
        pub.send(RawClient.connectV5(Clients.id("flood"), Properties.EMPTY));
        assertThat(pub.expect(ConnAck.class).properties().receiveMaximum()).isEqualTo(OUR_RECEIVE_MAXIMUM);
        for (int id = 1; id <= OUR_RECEIVE_MAXIMUM; id++) {
            pub.send(new Publish("flood", QoS.EXACTLY_ONCE, false, false, id, new byte[] {1}, Properties.EMPTY));
            assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(id); // no PUBREL: each stays unacknowledged
        }
        // MQTT-3.3.4-7, MQTT-3.3.4-8 and 4.9: one more QoS 2 PUBLISH than our Receive Maximum
        pub.send(new Publish("flood", QoS.EXACTLY_ONCE, false, false, 99, new byte[] {1}, Properties.EMPTY));
        assertThat(pub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED);
        assertThat(pub.isClosedByServer()).isTrue();
        pub.close();
    }

    @Test
    void packetsLargerThanTheClientAllowsAreDroppedAndCounted() throws Exception {
        String topic = "flow/size/" + Clients.id("t");
        long droppedBefore = node.metrics().get(Counter.MESSAGES_DROPPED_TOO_LARGE);
        try (RawClient sub = subscriber(Properties.builder().maximumPacketSize(200L).build(), topic,
                QoS.AT_LEAST_ONCE)) {
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[500]).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {7}).send();
            // MQTT-3.1.2-24: never a packet above the client's Maximum Packet Size; MQTT-3.1.2-25:
            // the server discards it as if delivered, so the next message still flows
            Publish p = sub.expect(Publish.class);
            assertThat(p.payload()).containsExactly(7);
            assertThat(node.metrics().get(Counter.MESSAGES_DROPPED_TOO_LARGE)).isEqualTo(droppedBefore + 1);
            pub.disconnect();
        }
    }

    @Test
    void hiveMqClientWithMaximumPacketSizeGetsOnlyWhatFits() throws Exception {
        String topic = "flow/hive/" + Clients.id("t");
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("small"));
        sub.connectWith().restrictions().maximumPacketSize(300).applyRestrictions().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[1000]).send();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1, 2}).send();
            Mqtt5Publish got = inbox.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(got.getPayloadAsBytes()).containsExactly(1, 2);
            pub.disconnect();
        }
        sub.disconnect();
    }

    @Test
    void packetsLargerThanOurMaximumAreRefusedWith0x95() throws Exception {
        RawClient pub = new RawClient(port, MqttVersion.V5);
        pub.send(RawClient.connectV5(Clients.id("big"), Properties.EMPTY));
        assertThat(pub.expect(ConnAck.class).properties().maximumPacketSize()).isEqualTo(OUR_MAX_PACKET);
        pub.send(new Publish("big", QoS.AT_MOST_ONCE, false, false, 0, new byte[OUR_MAX_PACKET], Properties.EMPTY));
        // MQTT-3.2.2-15 / 4.13: the client must not exceed our Maximum Packet Size; we answer 0x95
        assertThat(pub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PACKET_TOO_LARGE);
        assertThat(pub.isClosedByServer()).isTrue();
        pub.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> node.metrics().get(Counter.OVERSIZE_PACKETS) > 0);
    }
}
