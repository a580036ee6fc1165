package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.property.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AuthDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.AUTH).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    @Test
    void reasonCodeWithoutPropertiesDecodes() {
        assertThat(Decoding.packet(Decoding.server(MqttVersion.V5), Hex.packet(0xF0, "19")))
                .isEqualTo(new Auth(ReasonCode.RE_AUTHENTICATE, Properties.EMPTY));
    }

    @Test
    void codeOutsideTheAuthTableIsMalformed() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xF0, "87 00")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void propertyNotAllowedInAuthIsAProtocolError() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xF0, "18 " + props("11 00 00 00 01"))))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void duplicateAuthenticationMethodIsAProtocolError() {
        byte[] packet = Hex.packet(0xF0, "18 " + props("15 " + Hex.str("a") + " 15 " + Hex.str("b")));
        assertThat(Decoding.failure(Decoding.client(MqttVersion.V5), packet)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void trailingBytesAfterThePropertiesAreMalformed() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.packet(0xF0, "18 00 00")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void fixedHeaderFlagsMustBeZero_MQTT_2_1_3_1() {
        // MQTT-3.15.1-1
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V5), Hex.bytes("F1 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }
}
