package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.Unsubscribe;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class UnsubscribeDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.UNSUBSCRIBE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    private static byte[] unsubscribe(MqttVersion v, String payloadHex) {
        return Hex.packet(0xA2, "00 01 " + (v.isV5() ? "00 " : "") + payloadHex);
    }

    private static ReasonCode fail(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.server(v), packet);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void noTopicFilterIsAProtocolError_MQTT_3_10_3_2(MqttVersion v) {
        assertThat(fail(v, unsubscribe(v, ""))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void invalidTopicFilterIsTopicFilterInvalid_MQTT_4_7_1_1(MqttVersion v) {
        assertThat(fail(v, unsubscribe(v, Hex.str("a") + " " + Hex.str("a/#/b")))).isEqualTo(ReasonCode.TOPIC_FILTER_INVALID);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void packetIdZeroIsAProtocolError_MQTT_2_2_1_3(MqttVersion v) {
        assertThat(fail(v, Hex.packet(0xA2, "00 00 " + (v.isV5() ? "00 " : "") + Hex.str("a"))))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void truncatedFilterIsMalformed(MqttVersion v) {
        assertThat(fail(v, unsubscribe(v, "00 05 61 62"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void fixedHeaderFlagsMustBe0010_MQTT_2_1_3_1() {
        byte[] packet = unsubscribe(MqttVersion.V3_1_1, Hex.str("a"));
        packet[0] = (byte) 0xA0;
        assertThat(fail(MqttVersion.V3_1_1, packet)).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void onlyUserPropertiesAreAllowed() {
        byte[] withSubscriptionId = Hex.packet(0xA2, "00 01 " + props("0B 01") + " " + Hex.str("a"));
        assertThat(fail(MqttVersion.V5, withSubscriptionId)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        byte[] withUser = Hex.packet(0xA2, "00 01 " + props("26 " + Hex.str("k") + " " + Hex.str("v")) + " " + Hex.str("a"));
        Unsubscribe u = (Unsubscribe) Decoding.packet(Decoding.server(MqttVersion.V5), withUser);
        assertThat(u.properties().userProperties()).hasSize(1);
        assertThat(u.topicFilters()).containsExactly("a");
    }
}
