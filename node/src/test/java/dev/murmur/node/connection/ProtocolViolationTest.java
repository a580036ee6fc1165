package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input over a raw socket: each case gets the spec's reason code (v5 DISCONNECT) or a
 * plain close (3.1.1), and the node keeps serving other clients afterwards.
 */
class ProtocolViolationTest {
    private static final int MAX_PACKET_SIZE = 1024;
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.mqtt.max-packet-size = " + MAX_PACKET_SIZE);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void nodeStillServesOthers() throws Exception {
        try (RawClient healthy = new RawClient(port, MqttVersion.V5)) {
            healthy.send(RawClient.connect(MqttVersion.V5, Clients.id("healthy")));
            assertThat(healthy.read()).isInstanceOf(ConnAck.class);
            healthy.send(PingReq.INSTANCE);
            assertThat(healthy.read()).isEqualTo(PingResp.INSTANCE);
        }
    }

    private static RawClient connected(MqttVersion v) throws Exception {
        RawClient c = new RawClient(port, v);
        c.send(RawClient.connect(v, Clients.id("bad")));
        assertThat(c.read()).isInstanceOf(ConnAck.class);
        return c;
    }

    /** v5: the next packet is DISCONNECT with {@code code}, then the socket closes. */
    private static void assertDisconnectedWith(RawClient c, ReasonCode code) throws Exception {
        MqttPacket p = c.read();
        assertThat(p).isInstanceOf(Disconnect.class);
        assertThat(((Disconnect) p).reasonCode()).isEqualTo(code);
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }

    private static void assertClosed(RawClient c) throws Exception {
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }

    /** A PUBLISH at QoS 1 with a raw topic and packet id; v5 adds an empty property section. */
    private static byte[] publish(MqttVersion v, byte[] topic, int packetId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(topic.length >> 8);
        body.write(topic.length & 0xFF);
        body.writeBytes(topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        if (v.isV5()) {
            body.write(0);
        }
        body.writeBytes(new byte[] {1, 2, 3});
        ByteArrayOutputStream pkt = new ByteArrayOutputStream();
        pkt.write(0x32);
        pkt.write(body.size()); // every body here is < 128 bytes
        pkt.writeBytes(body.toByteArray());
        return pkt.toByteArray();
    }

    @Test
    void firstPacketMustBeConnect() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.sendBytes(0xC0, 0x00); // PINGREQ before CONNECT: MQTT-3.1.0-1
        assertClosed(c);
    }

    @Test
    void secondConnectIsAProtocolErrorV5() throws Exception {
        RawClient c = connected(MqttVersion.V5);
        c.send(RawClient.connect(MqttVersion.V5, "again")); // MQTT-3.1.0-2
        assertDisconnectedWith(c, ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void secondConnectClosesV311() throws Exception {
        RawClient c = connected(MqttVersion.V3_1_1);
        c.send(RawClient.connect(MqttVersion.V3_1_1, "again")); // 3.1.1 MQTT-3.1.0-2, 3.1.1 MQTT-4.8.0-1
        assertClosed(c);
    }

    @Test
    void reservedFlagBitsAreMalformed() throws Exception {
        RawClient c = connected(MqttVersion.V5);
        // SUBSCRIBE with fixed-header flags 0000 instead of 0010: MQTT-3.8.1-1 / MQTT-2.1.3-1
        c.sendBytes(0x80, 0x08, 0x00, 0x01, 0x00, 0x00, 0x03, 'a', '/', 'b');
        assertDisconnectedWith(c, ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void reservedFlagBitsCloseV311() throws Exception {
        RawClient c = connected(MqttVersion.V3_1_1);
        c.sendBytes(0x80, 0x07, 0x00, 0x01, 0x00, 0x03, 'a', '/', 'b', 0x00); // MQTT-3.8.1-1
        assertClosed(c);
    }

    @Test
    void invalidUtf8TopicIsMalformed() throws Exception {
        RawClient c = connected(MqttVersion.V5);
        // 0xC0 0x80 is an overlong encoding of U+0000: MQTT-1.5.4-1, MQTT-1.5.4-2, MQTT-3.3.2-1
        c.sendRaw(publish(MqttVersion.V5, new byte[] {'a', (byte) 0xC0, (byte) 0x80}, 1));
        assertDisconnectedWith(c, ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void wildcardInPublishTopicIsInvalid() throws Exception {
        RawClient c = connected(MqttVersion.V5);
        c.sendRaw(publish(MqttVersion.V5, "a/+".getBytes(StandardCharsets.UTF_8), 1)); // MQTT-3.3.2-2, MQTT-4.7.0-1
        assertDisconnectedWith(c, ReasonCode.TOPIC_NAME_INVALID);
    }

    @Test
    void wildcardInPublishTopicClosesV311() throws Exception {
        RawClient c = connected(MqttVersion.V3_1_1);
        c.sendRaw(publish(MqttVersion.V3_1_1, "a/#".getBytes(StandardCharsets.UTF_8), 1)); // 3.1.1 MQTT-3.3.2-2, 3.1.1 MQTT-4.7.1-1
        assertClosed(c);
    }

    @Test
    void packetIdZeroIsRefused() throws Exception {
        RawClient c = connected(MqttVersion.V5);
        c.sendRaw(publish(MqttVersion.V5, "a/b".getBytes(StandardCharsets.UTF_8), 0)); // MQTT-2.2.1-3
        MqttPacket p = c.read();
        assertThat(p).isInstanceOf(Disconnect.class);
        assertThat(((Disconnect) p).reasonCode()).isIn(ReasonCode.PROTOCOL_ERROR, ReasonCode.MALFORMED_PACKET);
        assertClosed(c);
    }

    @Test
    void oversizePacketIsRefusedFromItsFixedHeader() throws Exception {
        long before = node.metrics().get(Counter.OVERSIZE_PACKETS);
        RawClient c = connected(MqttVersion.V5);
        // Remaining length 16384 (> 1024): refused before any of the body is sent (MQTT-3.2.2-15 / 0x95)
        c.sendBytes(0x30, 0x80, 0x80, 0x01);
        assertDisconnectedWith(c, ReasonCode.PACKET_TOO_LARGE);
        assertThat(node.metrics().get(Counter.OVERSIZE_PACKETS)).isEqualTo(before + 1);
    }

    @Test
    void unsupportedProtocolLevelGetsConnack0x01() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V3_1_1);
        // CONNECT "MQTT" level 6: MQTT-3.1.2-2, 3.1.1 MQTT-3.1.2-2 -> CONNACK return code 0x01, then close
        c.sendBytes(0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x06, 0x02, 0x00, 0x3C, 0x00, 0x00);
        assertThat(c.readUntilClosed(Duration.ofSeconds(5))).containsExactly(0x20, 0x02, 0x00, 0x01);
        c.close();
    }

    @Test
    void connectTimeoutClosesSilentSockets() throws Exception {
        long before = node.metrics().get(Counter.CONNECT_TIMEOUTS);
        RawClient c = new RawClient(port, MqttVersion.V5);
        assertThat(c.readUntilClosed(Duration.ofSeconds(10))).isEmpty(); // connect-timeout = 2s in tests
        assertThat(node.metrics().get(Counter.CONNECT_TIMEOUTS)).isEqualTo(before + 1);
        c.close();
    }
}
