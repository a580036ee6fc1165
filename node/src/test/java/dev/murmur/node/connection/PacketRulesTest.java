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
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packet-level rules of MQTT 5.0 as the server applies them, seen from a raw socket: packet
 * identifiers of acknowledgements, DUP, UTF-8 in properties, refused CONNECTs, SUBSCRIBE and
 * UNSUBSCRIBE semantics, and control packets flowing while the send quota is used up.
 */
class PacketRulesTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawClient connected(String prefix, Properties props) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id(prefix), props));
        assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS); // MQTT-3.1.4-5
        return c;
    }

    private static void subscribe(RawClient c, int packetId, String... filters) throws Exception {
        c.send(new Subscribe(packetId, java.util.Arrays.stream(filters)
                .map(f -> Subscription.of(f, QoS.AT_LEAST_ONCE)).toList(), Properties.EMPTY));
        assertThat(c.expect(SubAck.class).packetId()).isEqualTo(packetId);
    }

    @Test
    void acknowledgementsCarryThePacketIdentifierTheyAcknowledge() throws Exception {
        try (RawClient c = connected("ids", Properties.EMPTY)) {
            c.send(new Subscribe(0x1234, List.of(Subscription.of("ids/x", QoS.AT_LEAST_ONCE)), Properties.EMPTY));
            assertThat(c.expect(SubAck.class).packetId()).isEqualTo(0x1234); // MQTT-2.2.1-6, MQTT-3.8.4-2
            c.send(new Publish("ids/y", QoS.AT_LEAST_ONCE, false, false, 0x4321, new byte[] {1}, Properties.EMPTY));
            assertThat(c.expect(PubAck.class).packetId()).isEqualTo(0x4321); // MQTT-2.2.1-5, MQTT-4.3.2-4
            c.send(new Unsubscribe(0x0F0F, List.of("ids/x"), Properties.EMPTY));
            assertThat(c.expect(UnsubAck.class).packetId()).isEqualTo(0x0F0F); // MQTT-2.2.1-6, MQTT-3.10.4-4
            c.send(PingReq.INSTANCE);
            assertThat(c.read()).isEqualTo(PingResp.INSTANCE); // MQTT-3.12.4-1; and no second CONNACK (MQTT-3.2.0-2)
        }
    }

    @Test
    void outgoingDupIsSetIndependentlyOfTheIncomingOne() throws Exception {
        String topic = "dup/" + Clients.id("t");
        try (RawClient sub = connected("dup-sub", Properties.EMPTY); RawClient pub = connected("dup-pub", Properties.EMPTY)) {
            subscribe(sub, 1, topic);
            pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, false, true, 9, new byte[] {1}, Properties.EMPTY));
            pub.expect(PubAck.class);
            Publish p = sub.expect(Publish.class);
            assertThat(p.dup()).isFalse(); // MQTT-3.3.1-3: not a re-delivery to this subscriber
            assertThat(p.packetId()).isNotZero(); // MQTT-2.2.1-4
            assertThat(p.qos()).isEqualTo(QoS.AT_LEAST_ONCE); // MQTT-4.3.2-2: QoS 1, DUP 0
        }
    }

    /** A v5 QoS 0 PUBLISH of topic "t" whose property section is {@code props} (raw bytes). */
    private static byte[] publishWithRawProperties(int... props) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1, 't'});
        body.write(props.length);
        for (int b : props) {
            body.write(b);
        }
        body.write(7); // payload
        ByteArrayOutputStream pkt = new ByteArrayOutputStream();
        pkt.write(0x30);
        pkt.write(body.size());
        pkt.writeBytes(body.toByteArray());
        return pkt.toByteArray();
    }

    private static void assertMalformed(byte[] packet) throws Exception {
        RawClient c = connected("utf8", Properties.EMPTY);
        c.sendRaw(packet);
        assertThat(c.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET); // MQTT-4.13.1-1
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }

    @Test
    void contentTypeMustBeWellFormedUtf8() throws Exception {
        assertMalformed(publishWithRawProperties(0x03, 0, 2, 0xC3, 0x28)); // MQTT-3.3.2-19, MQTT-1.5.4-1
    }

    @Test
    void responseTopicMustBeWellFormedUtf8() throws Exception {
        assertMalformed(publishWithRawProperties(0x08, 0, 2, 0xED, 0xA0)); // MQTT-3.3.2-13
    }

    @Test
    void bothStringsOfAUserPropertyMustBeWellFormedUtf8() throws Exception {
        assertMalformed(publishWithRawProperties(0x26, 0, 1, 'k', 0, 1, 0x00)); // MQTT-1.5.7-1, MQTT-1.5.4-2
    }

    @Test
    void malformedConnectClosesWithoutASession() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V5)) {
            // CONNECT with the reserved flag set: MQTT-3.1.2-3, MQTT-3.1.4-1
            c.sendBytes(0x10, 0x0D, 0, 4, 'M', 'Q', 'T', 'T', 5, 0x03, 0, 60, 0, 0, 1, 'x');
            assertThat(c.isClosedByServer()).isTrue();
        }
    }

    @Test
    void nothingAfterARefusedConnectIsProcessed() throws Exception {
        String topic = "refused/" + Clients.id("t");
        try (RawClient sub = connected("watch", Properties.EMPTY)) {
            subscribe(sub, 1, topic);
            try (RawClient bad = new RawClient(port, MqttVersion.V5)) {
                ByteBuffer connect = dev.murmur.protocol.codec.MqttEncoder.encode(
                        RawClient.connectV5("x".repeat(300), Properties.EMPTY), MqttVersion.V5); // id too long
                ByteBuffer publish = dev.murmur.protocol.codec.MqttEncoder.encode(new Publish(topic, QoS.AT_MOST_ONCE,
                        false, false, 0, new byte[] {1}, Properties.EMPTY), MqttVersion.V5);
                ByteBuffer both = ByteBuffer.allocate(connect.remaining() + publish.remaining()).put(connect).put(publish);
                bad.sendRaw(both.array()); // CONNECT and PUBLISH in one write
                ConnAck refused = bad.expect(ConnAck.class);
                assertThat(refused.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID); // MQTT-3.1.3-8
                assertThat(refused.sessionPresent()).isFalse(); // MQTT-3.2.2-6
                assertThat(bad.isClosedByServer()).isTrue(); // MQTT-3.2.2-7, MQTT-4.13.2-1
            }
            assertThat(sub.poll(Duration.ofMillis(300))).isNull(); // MQTT-3.1.4-6: the PUBLISH was not processed
        }
    }

    @Test
    void shortAlphanumericClientIdsAreAccepted() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V5)) {
            c.send(RawClient.connectV5("Az09Az09Az09Az09Az09Az0", Properties.EMPTY)); // 23 chars: MQTT-3.1.3-5
            assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        }
    }

    @Test
    void subscribeWithSeveralFiltersIsOneSubAckInOrder() throws Exception {
        try (RawClient c = connected("multi", Properties.EMPTY)) {
            c.send(new Subscribe(3, List.of(Subscription.of("m/a", QoS.EXACTLY_ONCE), Subscription.of("m/b", QoS.AT_MOST_ONCE),
                    Subscription.of("m/c", QoS.AT_LEAST_ONCE)), Properties.EMPTY));
            SubAck ack = c.expect(SubAck.class); // MQTT-3.8.4-1, MQTT-3.8.4-5: one SUBACK for all of them
            // MQTT-3.8.4-6, MQTT-3.8.4-7, MQTT-3.9.3-1, MQTT-3.9.3-2: one code per filter, in order, showing the granted QoS
            assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_1);
        }
    }

    @Test
    void unsubscribeComparesFiltersCharacterByCharacter() throws Exception {
        String base = "u/" + Clients.id("t");
        try (RawClient c = connected("unsub", Properties.EMPTY); RawClient pub = connected("pub", Properties.EMPTY)) {
            subscribe(c, 1, base + "/+", base + "/x");
            c.send(new Unsubscribe(2, List.of(base + "/+", base + "/#", base + "/+"), Properties.EMPTY));
            UnsubAck ack = c.expect(UnsubAck.class); // MQTT-3.10.4-6: one UNSUBACK for the sequence
            // MQTT-3.10.4-1, MQTT-3.11.3-1, MQTT-3.11.3-2: exact match only ("/#" never existed), in order;
            // MQTT-3.10.4-5: an UNSUBACK even for filters that removed nothing
            assertThat(ack.reasonCodes()).containsExactly(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED,
                    ReasonCode.NO_SUBSCRIPTION_EXISTED);
            pub.send(new Publish(base + "/y", QoS.AT_LEAST_ONCE, false, false, 1, new byte[] {1}, Properties.EMPTY));
            pub.expect(PubAck.class);
            pub.send(new Publish(base + "/x", QoS.AT_LEAST_ONCE, false, false, 2, new byte[] {2}, Properties.EMPTY));
            pub.expect(PubAck.class);
            // MQTT-3.10.4-2: nothing more through the removed "/+"; "/x" still delivers
            Publish p = c.expect(Publish.class);
            assertThat(p.topic()).isEqualTo(base + "/x");
            assertThat(c.poll(Duration.ofMillis(300))).isNull();
        }
    }

    @Test
    void controlPacketsFlowWhileTheSendQuotaIsUsedUp() throws Exception {
        String topic = "quota/" + Clients.id("t");
        try (RawClient sub = connected("quota", Properties.builder().receiveMaximum(1).build());
             RawClient pub = connected("pub", Properties.EMPTY)) {
            subscribe(sub, 1, topic);
            for (int i = 1; i <= 2; i++) {
                pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, false, false, i, new byte[] {(byte) i}, Properties.EMPTY));
                pub.expect(PubAck.class);
            }
            Publish first = sub.expect(Publish.class); // quota 1 (MQTT-4.9.0-1) now 0 (MQTT-4.9.0-2)
            sub.send(PingReq.INSTANCE);
            // MQTT-3.3.4-10, MQTT-4.9.0-3: PINGRESP is not held back by the exhausted quota
            assertThat(sub.read()).isEqualTo(PingResp.INSTANCE);
            sub.send(PubAck.of(first.packetId()));
            assertThat(sub.expect(Publish.class).payload()).containsExactly(2);
        }
    }

    @Test
    void protocolErrorAfterConnAckIsADisconnectWithTheCode() throws Exception {
        RawClient c = connected("err", Properties.EMPTY);
        c.send(new Connect(MqttVersion.V5, "again", true, 60, null, null, null, Properties.EMPTY));
        Disconnect d = c.expect(Disconnect.class); // MQTT-3.14.0-1: only after a successful CONNACK
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR); // MQTT-3.14.2-1
        assertThat(d.properties().sessionExpiryInterval()).isNull(); // MQTT-3.14.2-2
        assertThat(c.isClosedByServer()).isTrue(); // MQTT-3.14.4-1, MQTT-3.14.4-2, MQTT-4.13.1-1
        c.close();
    }

    @Test
    void subscribeAndUnsubscribeFiltersMustBeWellFormedUtf8() throws Exception {
        RawClient sub = connected("utf8-sub", Properties.EMPTY);
        // SUBSCRIBE id 1, no properties, filter 0xC3 0x28, options 0: MQTT-3.8.3-1
        sub.sendBytes(0x82, 0x08, 0, 1, 0, 0, 2, 0xC3, 0x28, 0);
        assertThat(sub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        sub.close();
        RawClient unsub = connected("utf8-unsub", Properties.EMPTY);
        // UNSUBSCRIBE id 1, no properties, filter 0xC3 0x28: MQTT-3.10.3-1
        unsub.sendBytes(0xA2, 0x07, 0, 1, 0, 0, 2, 0xC3, 0x28);
        assertThat(unsub.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
        unsub.close();
    }
}
