package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** PUBACK, PUBREC, PUBREL and PUBCOMP: one layout, four reason code tables. */
class PublishAckDecoderTest {

    enum Ack {
        PUBACK(0x40, PubAck.of(5)), PUBREC(0x50, PubRec.of(5)), PUBREL(0x62, PubRel.of(5)), PUBCOMP(0x70, PubComp.of(5));

        final int firstByte;
        /** The acknowledgement of packet id 5 with Success and no properties. */
        final MqttPacket success5;

        Ack(int firstByte, MqttPacket success5) {
            this.firstByte = firstByte;
            this.success5 = success5;
        }
    }

    static Stream<Golden.Vector> golden() {
        return Stream.of(PacketType.PUBACK, PacketType.PUBREC, PacketType.PUBREL, PacketType.PUBCOMP)
                .flatMap(t -> Golden.of(t).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    private static ReasonCode fail(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.server(v), packet);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void packetIdZeroIsAProtocolError_MQTT_2_2_1_3(Ack ack) {
        for (MqttVersion v : MqttVersion.values()) {
            assertThat(fail(v, Hex.packet(ack.firstByte, "00 00"))).as(v.toString()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        }
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void before5TheRemainingLengthIsExactly2(Ack ack) {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(ack.firstByte, "00 01 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(ack.firstByte, "00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void reasonCodeAndPropertiesMayBeOmittedInV5(Ack ack) {
        // 3.4.2.1: remaining length 2 means Success and no properties.
        assertThat(Decoding.packet(Decoding.server(MqttVersion.V5), Hex.packet(ack.firstByte, "00 05")))
                .isEqualTo(ack.success5);
        // 3.4.2.2.1: a property length of 0 is the same packet.
        assertThat(Decoding.packet(Decoding.server(MqttVersion.V5), Hex.packet(ack.firstByte, "00 05 00 00")))
                .isEqualTo(ack.success5);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void codeOutsideTheTableIsMalformed(Ack ack) {
        // 0x01 is in no acknowledgement table.
        assertThat(fail(MqttVersion.V5, Hex.packet(ack.firstByte, "00 05 01"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void publishAckCodesAreNotPubrelCodes() {
        assertThat(fail(MqttVersion.V5, Hex.packet(0x62, "00 05 10"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x40, "00 05 92"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(Decoding.packet(Decoding.server(MqttVersion.V5), Hex.packet(0x62, "00 05 92")))
                .isEqualTo(new PubRel(5, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, dev.murmur.protocol.property.Properties.EMPTY));
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void onlyReasonStringAndUserPropertiesAreAllowed(Ack ack) {
        assertThat(fail(MqttVersion.V5, Hex.packet(ack.firstByte, "00 05 00 " + props("23 00 01"))))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(MqttVersion.V5, Hex.packet(ack.firstByte, "00 05 00 " + props("1F " + Hex.str("a") + " 1F "
                + Hex.str("b"))))).as("duplicate reason string").isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @EnumSource(Ack.class)
    void propertyLengthBeyondThePacketIsMalformed(Ack ack) {
        assertThat(fail(MqttVersion.V5, Hex.packet(ack.firstByte, "00 05 00 05 1F 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void fixedHeaderFlagsAreChecked_MQTT_2_1_3_1() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x60, "00 05"))).as("PUBREL needs 0010")
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x42, "00 05"))).as("PUBACK needs 0000")
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void userPropertiesAreKept() {
        PubAck a = (PubAck) Decoding.packet(Decoding.client(MqttVersion.V5),
                Hex.packet(0x40, "00 05 10 " + props("26 " + Hex.str("k") + " " + Hex.str("v"))));
        assertThat(a.reasonCode()).isEqualTo(ReasonCode.NO_MATCHING_SUBSCRIBERS);
        assertThat(a.properties().userProperties()).hasSize(1);
    }
}
