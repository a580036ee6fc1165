package dev.murmur.protocol.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.codec.MqttDecoder;
import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PingDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Stream.concat(Golden.of(PacketType.PINGREQ).stream(), Golden.of(PacketType.PINGRESP).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void anyBodyIsMalformed(MqttVersion v) {
        assertThat(Decoding.failure(Decoding.server(v), Hex.packet(0xC0, "00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(Decoding.failure(Decoding.client(v), Hex.packet(0xD0, "00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void fixedHeaderFlagsMustBeZero_MQTT_2_1_3_1() {
        assertThat(Decoding.failure(Decoding.server(MqttVersion.V3_1_1), Hex.bytes("C8 00")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void keepAliveTrafficSharesOneResult() {
        MqttDecoder d = Decoding.server(MqttVersion.V3_1_1);
        DecodeResult first = d.decode(ByteBuffer.wrap(Hex.bytes("C0 00")));
        assertThat(d.decode(ByteBuffer.wrap(Hex.bytes("C0 00")))).isSameAs(first);
    }
}
