package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.Subscribe;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscribeDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.SUBSCRIBE).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    /** SUBSCRIBE with packet id 1, the v5 property section when v5, then {@code payloadHex}. */
    private static byte[] subscribe(MqttVersion v, String payloadHex) {
        return Hex.packet(0x82, "00 01 " + (v.isV5() ? "00 " : "") + payloadHex);
    }

    private static ReasonCode fail(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.server(v), packet);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void noTopicFilterIsAProtocolError_MQTT_3_8_3_2_and311_MQTT_3_8_3_3(MqttVersion v) {
        assertThat(fail(v, subscribe(v, ""))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void packetIdZeroIsAProtocolError_MQTT_2_2_1_3(MqttVersion v) {
        assertThat(fail(v, Hex.packet(0x82, "00 00 " + (v.isV5() ? "00 " : "") + Hex.str("a") + " 00")))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void reservedOptionBitsAreMalformedInV5_MQTT_3_8_3_5() {
        assertThat(fail(MqttVersion.V5, subscribe(MqttVersion.V5, Hex.str("a") + " 40"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, subscribe(MqttVersion.V5, Hex.str("a") + " 80"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x08, 0x10, 0x80})
    void reservedOptionBitsAreMalformedIn311_MQTT_3_8_3_4(int options) {
        byte[] packet = subscribe(MqttVersion.V3_1_1, Hex.str("a") + String.format(" %02X", options));
        assertThat(fail(MqttVersion.V3_1_1, packet)).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void qos3IsMalformedIn311_MQTT_3_8_3_4() {
        assertThat(fail(MqttVersion.V3_1_1, subscribe(MqttVersion.V3_1_1, Hex.str("a") + " 03")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void qos3IsAProtocolErrorInV5() {
        // MQTT 5.0 section 3.8.3.1: "It is a Protocol Error if the Maximum QoS field has the value 3."
        assertThat(fail(MqttVersion.V5, subscribe(MqttVersion.V5, Hex.str("a") + " 03"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void retainHandling3IsAProtocolError() {
        assertThat(fail(MqttVersion.V5, subscribe(MqttVersion.V5, Hex.str("a") + " 30"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void noLocalOnASharedSubscriptionIsAProtocolError_MQTT_3_8_3_4() {
        assertThat(fail(MqttVersion.V5, subscribe(MqttVersion.V5, Hex.str("$share/g/a") + " 04")))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        Subscribe ok = (Subscribe) Decoding.packet(Decoding.server(MqttVersion.V5),
                subscribe(MqttVersion.V5, Hex.str("a") + " 04"));
        assertThat(ok.subscriptions().get(0).noLocal()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/#/b", "a+", "#a", "a/b#", "$share//a", "$share/g"})
    void invalidTopicFilterIsTopicFilterInvalid_MQTT_4_7_1_1(String filter) {
        for (MqttVersion v : new MqttVersion[] {MqttVersion.V3_1_1, MqttVersion.V5}) {
            assertThat(fail(v, subscribe(v, Hex.str("ok") + " 00 " + Hex.str(filter) + " 01"))).as(v + " " + filter)
                    .isEqualTo(ReasonCode.TOPIC_FILTER_INVALID);
        }
    }

    @Test
    void aTruncatedPacketIsMalformedEvenAfterAnInvalidFilter() {
        assertThat(fail(MqttVersion.V3_1_1, subscribe(MqttVersion.V3_1_1, Hex.str("a/#/b") + " 00 00 05 61")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void missingOptionsByteIsMalformed(MqttVersion v) {
        assertThat(fail(v, subscribe(v, Hex.str("a")))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void moreThanOneSubscriptionIdentifierIsAProtocolError() {
        byte[] packet = Hex.packet(0x82, "00 01 " + props("0B 01 0B 02") + " " + Hex.str("a") + " 00");
        assertThat(fail(MqttVersion.V5, packet)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscriptionIdentifierZeroIsAProtocolError() {
        byte[] packet = Hex.packet(0x82, "00 01 " + props("0B 00") + " " + Hex.str("a") + " 00");
        assertThat(fail(MqttVersion.V5, packet)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void propertyNotAllowedInSubscribeIsAProtocolError() {
        byte[] packet = Hex.packet(0x82, "00 01 " + props("1F " + Hex.str("r")) + " " + Hex.str("a") + " 00");
        assertThat(fail(MqttVersion.V5, packet)).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void fixedHeaderFlagsMustBe0010_MQTT_2_1_3_1() {
        byte[] packet = subscribe(MqttVersion.V3_1_1, Hex.str("a") + " 00");
        packet[0] = (byte) 0x80;
        assertThat(fail(MqttVersion.V3_1_1, packet)).isEqualTo(ReasonCode.MALFORMED_PACKET);
        packet[0] = (byte) 0x8A;
        assertThat(fail(MqttVersion.V3_1_1, packet)).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void mqtt31MaySetDupOnARetransmittedSubscribe() {
        byte[] packet = subscribe(MqttVersion.V3_1, Hex.str("a") + " 02");
        packet[0] = (byte) 0x8A;
        Subscribe s = (Subscribe) Decoding.packet(Decoding.server(MqttVersion.V3_1), packet);
        assertThat(s.subscriptions().get(0).maxQos()).isEqualTo(QoS.EXACTLY_ONCE);
    }
}
