package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.SubAck;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubAckDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.SUBACK).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    private static ReasonCode fail(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.client(v), packet);
    }

    @Test
    void subackWithoutReasonCodesIsAProtocolError() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x90, "00 01"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x90, "00 01 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subackCodeNotInItsTableIsMalformed() {
        assertThat(fail(MqttVersion.V5, Hex.packet(0x90, "00 01 00 00 03"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x90, "00 01 00 11"))).as("UNSUBACK-only code")
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x90, "00 01 97"))).as("v5-only code in 3.1.1")
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subackV5CarriesAllItsCodes() {
        SubAck s = (SubAck) Decoding.packet(Decoding.client(MqttVersion.V5),
                Hex.packet(0x90, "00 01 00 00 01 02 80 83 87 8F 91 97 9E A1 A2"));
        assertThat(s.reasonCodes()).hasSize(12).startsWith(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1);
    }

    @Test
    void subackPropertiesAreLimitedToReasonStringAndUserProperties() {
        assertThat(fail(MqttVersion.V5, Hex.packet(0x90, "00 01 " + props("0B 01") + " 00")))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        SubAck s = (SubAck) Decoding.packet(Decoding.client(MqttVersion.V5),
                Hex.packet(0x90, "00 01 " + props("1F " + Hex.str("why")) + " 80"));
        assertThat(s.properties().reasonString()).isEqualTo("why");
    }

    @Test
    void subackPacketIdZeroIsAProtocolError_MQTT_2_2_1_3() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x90, "00 00 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void fixedHeaderFlagsMustBeZero_MQTT_2_1_3_1() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x92, "00 01 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }
}
