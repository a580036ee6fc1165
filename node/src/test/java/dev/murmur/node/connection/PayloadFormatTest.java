package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.murmur.protocol.property.Properties;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Optional validation of payloads marked as UTF-8 (MQTT 5.0 3.3.2.3.2, 0x99), and Request
 * Problem Information deciding whether error acknowledgements carry a reason string
 * (MQTT-3.1.2-29).
 */
class PayloadFormatTest {
    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.mqtt5.validate-utf8-payload = on");
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawClient connected(Integer requestProblemInformation) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id("pfi"),
                Properties.builder().requestProblemInformation(requestProblemInformation).build()));
        c.expect(ConnAck.class);
        return c;
    }

    private static Publish utf8Marked(QoS qos, int packetId, byte[] payload) {
        return new Publish("pfi/t", qos, false, false, packetId, payload,
                Properties.builder().payloadFormatIndicator(1).build());
    }

    @Test
    void invalidUtf8AtQos1IsAnsweredWithPubAck0x99AndAReasonString() throws Exception {
        long before = node.metrics().get(Counter.PAYLOAD_FORMAT_INVALID);
        try (RawClient c = connected(null)) {
            c.send(utf8Marked(QoS.AT_LEAST_ONCE, 5, NOT_UTF8));
            PubAck ack = c.expect(PubAck.class);
            assertThat(ack.packetId()).isEqualTo(5);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID); // MQTT-3.4.2-1
            assertThat(ack.properties().reasonString()).isNotBlank(); // Request Problem Information absent = 1
            c.send(utf8Marked(QoS.AT_LEAST_ONCE, 6, "grüße".getBytes(StandardCharsets.UTF_8)));
            assertThat(c.expect(PubAck.class).reasonCode().isError()).isFalse(); // valid UTF-8 passes
        }
        assertThat(node.metrics().get(Counter.PAYLOAD_FORMAT_INVALID)).isEqualTo(before + 1);
    }

    @Test
    void noReasonStringWhenTheClientAskedForNoProblemInformation() throws Exception {
        try (RawClient c = connected(0)) {
            c.send(utf8Marked(QoS.EXACTLY_ONCE, 7, NOT_UTF8));
            PubRec rec = c.expect(PubRec.class);
            assertThat(rec.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            // MQTT-3.1.2-29: Request Problem Information 0: no Reason String or User Property
            assertThat(rec.properties()).isEqualTo(Properties.EMPTY);
        }
    }

    @Test
    void invalidUtf8AtQos0IsDisconnectedWith0x99() throws Exception {
        RawClient c = connected(0);
        c.send(utf8Marked(QoS.AT_MOST_ONCE, 0, NOT_UTF8));
        Disconnect d = c.expect(Disconnect.class);
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
        // MQTT-3.1.2-29 allows a Reason String on DISCONNECT even with Request Problem Information 0
        assertThat(d.properties().reasonString()).isNotBlank();
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }

    @Test
    void unmarkedPayloadsAreNotChecked() throws Exception {
        try (RawClient c = connected(null)) {
            c.send(new Publish("pfi/t", QoS.AT_LEAST_ONCE, false, false, 9, NOT_UTF8, Properties.EMPTY));
            assertThat(c.expect(PubAck.class).reasonCode().isError()).isFalse(); // binary (indicator 0 / absent)
        }
    }

    @Test
    void afterAnErrorPubRecTheSamePacketIdIsANewMessage() throws Exception {
        try (RawClient c = connected(null)) {
            c.send(utf8Marked(QoS.EXACTLY_ONCE, 11, NOT_UTF8));
            assertThat(c.expect(PubRec.class).reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            c.send(utf8Marked(QoS.EXACTLY_ONCE, 11, "ok".getBytes(StandardCharsets.UTF_8)));
            // MQTT-4.3.3-9: not a duplicate of the refused one, so it is accepted as new
            assertThat(c.expect(PubRec.class).reasonCode().isError()).isFalse();
        }
    }

    @Test
    void reasonStringIsLeftOutWhenItWouldExceedTheClientsMaximumPacketSize() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V5)) {
            c.send(RawClient.connectV5(Clients.id("tiny"), Properties.builder().maximumPacketSize(64L).build()));
            c.expect(ConnAck.class);
            c.send(utf8Marked(QoS.AT_LEAST_ONCE, 12, NOT_UTF8));
            PubAck ack = c.expect(PubAck.class);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.PAYLOAD_FORMAT_INVALID);
            // MQTT-3.4.2-2, MQTT-3.4.2-3: our reason string would not fit in 64 bytes, so it is left out
            assertThat(ack.properties()).isEqualTo(Properties.EMPTY);
        }
    }
}
