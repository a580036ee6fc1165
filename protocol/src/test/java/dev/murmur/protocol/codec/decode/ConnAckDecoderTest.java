package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.props;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.property.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnAckDecoderTest {

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.CONNACK).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    private static ReasonCode fail(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.client(v), packet);
    }

    private static ConnAck ok(MqttVersion v, byte[] packet) {
        return (ConnAck) Decoding.packet(Decoding.client(v), packet);
    }

    @Test
    void returnCodesOf311MapToV5Names() {
        ReasonCode[] expected = {ReasonCode.SUCCESS, ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
            ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, ReasonCode.SERVER_UNAVAILABLE, ReasonCode.BAD_USER_NAME_OR_PASSWORD,
            ReasonCode.NOT_AUTHORIZED};
        for (int code = 0; code < expected.length; code++) {
            assertThat(ok(MqttVersion.V3_1_1, Hex.packet(0x20, String.format("00 %02X", code))).reasonCode())
                    .isEqualTo(expected[code]);
        }
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x20, "00 06"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x20, "00 87"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"02", "80", "FE"})
    void reservedAcknowledgeFlagsAreMalformed(String flags) {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x20, flags + " 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, flags + " 00 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void mqtt31HasNoSessionPresentFlagSoItsFirstByteIsIgnored() {
        assertThat(ok(MqttVersion.V3_1, Hex.packet(0x20, "01 00")).sessionPresent()).isFalse();
        assertThat(ok(MqttVersion.V3_1, Hex.packet(0x20, "FF 05")).reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED);
    }

    @Test
    void sessionPresentWithAnErrorIsAProtocolError_MQTT_3_2_2_6() {
        // 3.1.1: MQTT-3.2.2-4.
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x20, "01 05"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, "01 87 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void v5CodeNotInTheConnackTableIsMalformed() {
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, "00 04 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, "00 01 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void lengthMustMatchTheVersion() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x20, "00 00 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, "00 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x20, "00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"24 02", "25 02", "28 02", "29 02", "2A 02", "21 00 00", "27 00 00 00 00"})
    void connackPropertyRangesAreEnforced(String property) {
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, "00 00 " + props(property)))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void everyConnackPropertyDecodes() {
        String p = "11 00 00 01 00 " + "21 00 0A " + "24 00 " + "25 01 " + "27 00 01 00 00 " + "12 " + Hex.str("id")
                + " 22 00 05 " + "1F " + Hex.str("r") + " 26 " + Hex.str("k") + " " + Hex.str("v") + " 28 01 29 00 2A 01 "
                + "13 00 1E " + "1A " + Hex.str("ri") + " 1C " + Hex.str("other") + " 15 " + Hex.str("m") + " 16 00 01 07";
        ConnAck c = ok(MqttVersion.V5, Hex.packet(0x20, "00 00 " + props(p)));
        Properties expected = Properties.builder().sessionExpiryInterval(256L).receiveMaximum(10).maximumQos(0)
                .retainAvailable(1).maximumPacketSize(65_536L).assignedClientIdentifier("id").topicAliasMaximum(5)
                .reasonString("r").userProperty("k", "v").wildcardSubscriptionAvailable(1)
                .subscriptionIdentifierAvailable(0).sharedSubscriptionAvailable(1).serverKeepAlive(30)
                .responseInformation("ri").serverReference("other").authenticationMethod("m")
                .authenticationData(new byte[] {7}).build();
        assertThat(c.properties()).isEqualTo(expected);
    }

    @Test
    void propertyNotAllowedInConnackIsAProtocolError() {
        assertThat(fail(MqttVersion.V5, Hex.packet(0x20, "00 00 " + props("17 01")))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void fixedHeaderFlagsMustBeZero_MQTT_2_1_3_1() {
        assertThat(fail(MqttVersion.V3_1_1, Hex.packet(0x21, "00 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }
}
