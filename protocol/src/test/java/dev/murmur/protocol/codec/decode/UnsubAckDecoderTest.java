package dev.murmur.protocol.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.UnsubAck;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnsubAckDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.UNSUBACK).stream();
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
    void unsubackIn311IsOnlyAPacketId() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0xB0, "00 01 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0xB0, "00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void unsubackV5NeedsReasonCodesFromItsTable() {
        assertThat(fail(MqttVersion.V5, Hex.packet(0xB0, "00 01 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(MqttVersion.V5, Hex.packet(0xB0, "00 01 00 10"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, Hex.packet(0xB0, "00 01"))).as("missing property length")
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        UnsubAck u = (UnsubAck) Decoding.packet(Decoding.client(MqttVersion.V5), Hex.packet(0xB0, "00 01 00 8F"));
        assertThat(u.reasonCodes()).containsExactly(ReasonCode.TOPIC_FILTER_INVALID);
    }

    @Test
    void packetIdZeroIsAProtocolError_MQTT_2_2_1_3() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0xB0, "00 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void fixedHeaderFlagsMustBeZero_MQTT_2_1_3_1() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0xB2, "00 01"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }
}
