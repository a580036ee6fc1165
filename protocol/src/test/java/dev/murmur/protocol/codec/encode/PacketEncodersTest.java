package dev.murmur.protocol.codec.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.codec.Packets;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fixed header, remaining-length boundaries, the maximum packet size and output buffers. */
class PacketEncodersTest {
    /** Reason string "reason" (9 bytes) and user property k=v (7 bytes). */
    private static final Properties DIAGNOSTICS =
            Properties.builder().reasonString("reason").userProperty("k", "v").build();

    private static Publish publishWithPayload(String topic, int payloadLength) {
        return new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, new byte[payloadLength], Properties.EMPTY);
    }

    @ParameterizedTest(name = "remaining length {0} -> {1}")
    @CsvSource({
        "127, 7F",
        "128, 80 01",
        "16383, FF 7F",
        "16384, 80 80 01",
        "2097151, FF FF 7F",
        "2097152, 80 80 80 01",
    })
    void remainingLengthBoundaries(int remaining, String lengthHex) {
        // Topic "t" takes 3 bytes; the payload fills the rest of the remaining length.
        Publish publish = publishWithPayload("t", remaining - 3);
        ByteBuffer buf = MqttEncoder.encode(publish, MqttVersion.V3_1_1);
        int headerLength = 1 + Hex.bytes(lengthHex).length;

        assertThat(buf.remaining()).isEqualTo(headerLength + remaining);
        assertThat(MqttEncoder.encodedSize(publish, MqttVersion.V3_1_1)).isEqualTo(buf.remaining());
        assertThat(Hex.of(buf.duplicate().limit(headerLength + 3))).isEqualTo("30 " + lengthHex + " 00 01 74");
    }

    @Test
    void largestRemainingLengthIsSizedAndOneMoreIsRefused() {
        // MQTT 5.0 section 1.5.5: 268,435,455 is the largest remaining length (FF FF FF 7F).
        byte[] payload = new byte[268_435_455 - 3];
        Publish largest = new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, payload, Properties.EMPTY);
        Publish tooLarge = new Publish("tt", QoS.AT_MOST_ONCE, false, false, 0, payload, Properties.EMPTY);

        assertThat(MqttEncoder.encodedSize(largest, MqttVersion.V3_1_1)).isEqualTo(268_435_460);
        assertThatThrownBy(() -> MqttEncoder.encodedSize(tooLarge, MqttVersion.V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MqttEncoder.encode(tooLarge, MqttVersion.V3_1_1, Long.MAX_VALUE)).isNull();
    }

    @Test
    void maxPacketSizeLeavesOutTheReasonStringFirst() {
        // MQTT-3.4.2-2: the reason string goes first when the PUBACK would exceed the limit.
        PubAck ack = new PubAck(10, ReasonCode.NO_MATCHING_SUBSCRIBERS, DIAGNOSTICS);
        assertThat(MqttEncoder.encodedSize(ack, MqttVersion.V5)).isEqualTo(22);

        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 22L)))
                .isEqualTo("40 14 00 0A 10 10 1F 00 06 72 65 61 73 6F 6E 26 00 01 6B 00 01 76");
        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 21L)))
                .isEqualTo("40 0B 00 0A 10 07 26 00 01 6B 00 01 76");
        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 13L)))
                .isEqualTo("40 0B 00 0A 10 07 26 00 01 6B 00 01 76");
    }

    @Test
    void maxPacketSizeThenLeavesOutUserProperties() {
        // MQTT-3.4.2-3: then the user properties; what is left is the short form.
        PubAck ack = new PubAck(10, ReasonCode.NO_MATCHING_SUBSCRIBERS, DIAGNOSTICS);

        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 12L))).isEqualTo("40 03 00 0A 10");
        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 5L))).isEqualTo("40 03 00 0A 10");
        assertThat(MqttEncoder.encode(ack, MqttVersion.V5, 4L)).isNull();
    }

    /**
     * Every packet type that carries a Reason String or User Property sheds them, reason string
     * first, rather than exceed the receiver's Maximum Packet Size: MQTT-3.2.2-19, MQTT-3.2.2-20,
     * MQTT-3.4.2-2, MQTT-3.4.2-3, MQTT-3.5.2-2, MQTT-3.5.2-3, MQTT-3.6.2-2, MQTT-3.6.2-3,
     * MQTT-3.7.2-2, MQTT-3.7.2-3, MQTT-3.9.2-1, MQTT-3.9.2-2, MQTT-3.11.2-1, MQTT-3.11.2-2,
     * MQTT-3.14.2-3, MQTT-3.14.2-4, MQTT-3.15.2-2, MQTT-3.15.2-3.
     */
    @Test
    void everyPacketWithDiagnosticsShedsThemToFitTheMaximumPacketSize() {
        List<MqttPacket> packets = List.of(
                new ConnAck(false, ReasonCode.NOT_AUTHORIZED, DIAGNOSTICS),
                new PubAck(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, DIAGNOSTICS),
                new PubRec(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, DIAGNOSTICS),
                new PubRel(1, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, DIAGNOSTICS),
                new PubComp(1, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, DIAGNOSTICS),
                new SubAck(1, List.of(ReasonCode.GRANTED_QOS_1), DIAGNOSTICS),
                new UnsubAck(1, List.of(ReasonCode.SUCCESS), DIAGNOSTICS),
                new Disconnect(ReasonCode.ADMINISTRATIVE_ACTION, DIAGNOSTICS),
                new Auth(ReasonCode.CONTINUE_AUTHENTICATION, DIAGNOSTICS.toBuilder().authenticationMethod("M").build()));
        for (MqttPacket p : packets) {
            int full = MqttEncoder.encodedSize(p, MqttVersion.V5);
            ByteBuffer withoutReason = MqttEncoder.encode(p, MqttVersion.V5, full - 1L);
            assertThat(withoutReason).as(p.type().toString()).isNotNull();
            assertThat(withoutReason.remaining()).as(p.type().toString()).isEqualTo(full - 9); // "reason" gone
            ByteBuffer bare = MqttEncoder.encode(p, MqttVersion.V5, full - 10L);
            assertThat(bare).as(p.type().toString()).isNotNull();
            assertThat(bare.remaining()).as(p.type().toString()).isLessThanOrEqualTo(full - 16); // k=v gone too
        }
    }

    @Test
    void successAckShrinksToTheTwoByteForm() {
        PubAck ack = new PubAck(10, ReasonCode.SUCCESS, DIAGNOSTICS);

        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 4L))).isEqualTo("40 02 00 0A");
        assertThat(MqttEncoder.encode(ack, MqttVersion.V5, 3L)).isNull();
    }

    @Test
    void otherPropertiesSurviveTheShrinking() {
        // MQTT-3.2.2-19/-20 for CONNACK: only Reason String and User Property may go.
        Properties props = Properties.builder().reasonString("reason").userProperty("k", "v").receiveMaximum(5)
                .build();
        ConnAck ack = new ConnAck(false, ReasonCode.SUCCESS, props);

        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V5, 8L))).isEqualTo("20 06 00 00 03 21 00 05");
        assertThat(MqttEncoder.encode(ack, MqttVersion.V5, 7L)).isNull();
    }

    @Test
    void publishKeepsItsUserPropertiesAndIsDroppedInstead() {
        // User properties of a PUBLISH are part of the application message (MQTT-3.3.2-17): the
        // server must not strip them, so an oversize PUBLISH is not sent (MQTT-3.1.2-25).
        Publish publish = new Publish("t", QoS.AT_MOST_ONCE, false, false, 0, new byte[0],
                Properties.builder().userProperty("k", "v").build());
        int size = MqttEncoder.encodedSize(publish, MqttVersion.V5);

        assertThat(MqttEncoder.encode(publish, MqttVersion.V5, size)).isNotNull();
        assertThat(MqttEncoder.encode(publish, MqttVersion.V5, size - 1)).isNull();
    }

    @Test
    void v3PacketOverTheLimitIsDropped() {
        PubAck ack = new PubAck(10, ReasonCode.SUCCESS, DIAGNOSTICS);

        assertThat(Hex.of(MqttEncoder.encode(ack, MqttVersion.V3_1_1, 4L))).isEqualTo("40 02 00 0A");
        assertThat(MqttEncoder.encode(ack, MqttVersion.V3_1_1, 3L)).isNull();
    }

    @Test
    void everyFixturePacketFitsItsOwnSizeAndNotOneByteLess() {
        for (MqttVersion v : MqttVersion.values()) {
            for (MqttPacket p : Packets.all(v)) {
                int size = MqttEncoder.encodedSize(p, v);
                ByteBuffer exact = MqttEncoder.encode(p, v, size);
                assertThat(exact).as("%s %s", v, p).isEqualTo(MqttEncoder.encode(p, v));
                ByteBuffer smaller = MqttEncoder.encode(p, v, size - 1);
                if (smaller != null) {
                    assertThat(smaller.remaining()).as("%s %s", v, p).isLessThan(size);
                    assertThat(smaller.get(0)).isEqualTo(exact.get(0));
                }
            }
        }
    }

    @Test
    void tooSmallOutputBufferIsRefusedBeforeWriting() {
        Publish publish = publishWithPayload("t", 10);
        ByteBuffer out = ByteBuffer.allocate(MqttEncoder.encodedSize(publish, MqttVersion.V5) - 1);

        assertThatThrownBy(() -> MqttEncoder.encode(publish, MqttVersion.V5, out))
                .isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
        assertThat(Arrays.equals(out.array(), new byte[out.capacity()])).isTrue();
    }

    @Test
    void writesIntoADirectBufferToo() {
        Publish publish = Packets.publishFull(MqttVersion.V5);
        ByteBuffer direct = ByteBuffer.allocateDirect(MqttEncoder.encodedSize(publish, MqttVersion.V5));

        MqttEncoder.encode(publish, MqttVersion.V5, direct);

        assertThat(direct.hasRemaining()).isFalse();
        assertThat(direct.flip()).isEqualTo(MqttEncoder.encode(publish, MqttVersion.V5));
    }
}
