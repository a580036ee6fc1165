package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.Disconnect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DisconnectDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.DISCONNECT).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    @Test
    void before5TheBodyIsEmpty() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V3_1_1), Hex.packet(0xE0, "00")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void codeOutsideTheDisconnectTableIsMalformed() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xE0, "01")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xE0, "84")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void sessionExpiryFromAServerIsAProtocolError_MQTT_3_14_2_2() {
        byte[] packet = Hex.packet(0xE0, "00 " + props("11 00 00 00 01"));
        assertThat(Decoding.failure(Decoding.client(MqttVersion.V5), packet)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(Decoding.packet(Decoding.server(MqttVersion.V5), packet)).isInstanceOf(Disconnect.class);
    }

    @Test
    void serverReferenceDecodes() {
        Disconnect d = (Disconnect) Decoding.packet(Decoding.client(MqttVersion.V5),
                Hex.packet(0xE0, "9C " + props("1C " + Hex.str("other:1883"))));
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.USE_ANOTHER_SERVER);
        assertThat(d.properties().serverReference()).isEqualTo("other:1883");
    }

    @Test
    void propertyNotAllowedInDisconnectIsAProtocolError() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xE0, "00 " + props("23 00 01"))))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void truncatedPropertiesAreMalformed() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xE0, "00 03 11 00")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void fixedHeaderFlagsMustBeZero_MQTT_2_1_3_1() {
        // MQTT-3.14.1-1 (3.1.1 MQTT-3.14.1-1)
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.bytes("E1 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }
}
