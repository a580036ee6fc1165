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
import dev.murmur.protocol.packet.Publish;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublishDecoderTest {
    private static final String TOPIC = Hex.str("a/b");

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.PUBLISH).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        assertThat(Decoding.packet(Golden.decoderFor(v), v.bytes())).isEqualTo(v.packet());
    }

    private static ReasonCode fromClient(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.server(v), packet);
    }

    private static ReasonCode fromServer(MqttVersion v, byte[] packet) {
        return Decoding.failure(Decoding.client(v), packet);
    }

    private static Publish ok(MqttVersion v, byte[] packet) {
        return (Publish) Decoding.packet(Decoding.server(v), packet);
    }

    /** A v5 QoS 0 PUBLISH on "a/b" from {@code propertiesHex}, payload "x". */
    private static byte[] v5(String propertiesHex) {
        return Hex.packet(0x30, TOPIC + " " + props(propertiesHex) + " 78");
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void qos3IsMalformed_MQTT_3_3_1_4(MqttVersion v) {
        assertThat(fromClient(v, Hex.packet(0x36, TOPIC + " 00 01" + (v.isV5() ? " 00" : ""))))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void dupOnQos0IsMalformed_MQTT_3_3_1_2(MqttVersion v) {
        assertThat(fromServer(v, Hex.packet(0x38, TOPIC + (v.isV5() ? " 00" : "")))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void packetIdZeroOnQos1IsAProtocolError_MQTT_2_2_1_3(MqttVersion v) {
        assertThat(fromClient(v, Hex.packet(0x32, TOPIC + " 00 00" + (v.isV5() ? " 00" : ""))))
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/+", "#", "a/#", "+"})
    void wildcardInTopicNameIsTopicNameInvalid_MQTT_3_3_2_2(String topic) {
        assertThat(fromClient(MqttVersion.V3_1_1, Hex.packet(0x30, Hex.str(topic)))).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        assertThat(fromClient(MqttVersion.V5, Hex.packet(0x30, Hex.str(topic) + " 00")))
                .isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
    }

    @Test
    void emptyTopicIsTopicNameInvalidBeforeV5_MQTT_4_7_3_1() {
        assertThat(fromClient(MqttVersion.V3_1_1, Hex.packet(0x30, "00 00 78"))).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
        assertThat(fromClient(MqttVersion.V3_1, Hex.packet(0x30, "00 00 78"))).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
    }

    @Test
    void emptyTopicWithoutTopicAliasIsAProtocolErrorInV5() {
        assertThat(fromClient(MqttVersion.V5, Hex.packet(0x30, "00 00 00 78"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(ok(MqttVersion.V5, Hex.packet(0x30, "00 00 " + props("23 00 01") + " 78")).properties().topicAlias())
                .isEqualTo(1);
    }

    @Test
    void topicAliasZeroIsAProtocolError_MQTT_3_3_2_8() {
        assertThat(fromClient(MqttVersion.V5, v5("23 00 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscriptionIdentifierFromAClientIsAProtocolError_MQTT_3_3_4_6() {
        assertThat(fromClient(MqttVersion.V5, v5("0B 01"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscriptionIdentifierZeroIsAProtocolError() {
        assertThat(fromServer(MqttVersion.V5, v5("0B 00"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscriptionIdentifierLongerThanFourBytesIsMalformed() {
        assertThat(fromServer(MqttVersion.V5, v5("0B 80 80 80 80 01"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        // The largest value, 268,435,455, is fine.
        Publish p = (Publish) Decoding.packet(Decoding.client(MqttVersion.V5), v5("0B FF FF FF 7F"));
        assertThat(p.properties().subscriptionIdentifiers()).containsExactly(268_435_455);
    }

    @Test
    void payloadFormatIndicatorOtherThan0Or1IsAProtocolError() {
        assertThat(fromClient(MqttVersion.V5, v5("01 02"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void responseTopicWithWildcardIsAProtocolError_MQTT_3_3_2_14() {
        assertThat(fromClient(MqttVersion.V5, v5("08 " + Hex.str("r/#")))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void duplicateSingleValuedPropertyIsAProtocolError() {
        assertThat(fromClient(MqttVersion.V5, v5("02 00 00 00 01 02 00 00 00 02"))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void userPropertiesRepeatInOrder() {
        Publish p = ok(MqttVersion.V5, v5("26 " + Hex.str("k") + " " + Hex.str("1") + " 26 " + Hex.str("k") + " "
                + Hex.str("2")));
        assertThat(p.properties().userProperties()).extracting(u -> u.value()).containsExactly("1", "2");
    }

    @Test
    void unknownPropertyIsMalformed() {
        assertThat(fromClient(MqttVersion.V5, v5("05 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fromClient(MqttVersion.V5, v5("80 01 00"))).as("identifier 128 as a 2-byte VBI")
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void propertyNotAllowedInPublishIsAProtocolError() {
        assertThat(fromClient(MqttVersion.V5, v5("1F " + Hex.str("r")))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void propertyLengthBeyondThePacketIsMalformed() {
        assertThat(fromClient(MqttVersion.V5, Hex.packet(0x30, TOPIC + " 09 23 00 01"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void propertyValueRunningPastThePropertySectionIsMalformed() {
        // Property length 3 holds "02 00 00" but Message Expiry needs 4 value bytes; the payload
        // that follows must not be borrowed.
        assertThat(fromClient(MqttVersion.V5, Hex.packet(0x30, TOPIC + " 03 02 00 00 00 01 78")))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void topicLengthBeyondThePacketIsMalformed(MqttVersion v) {
        assertThat(fromClient(v, Hex.packet(0x30, "00 09 61 2F 62"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fromClient(v, Hex.packet(0x30, "00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void truncatedPacketIdentifierIsMalformed() {
        assertThat(fromClient(MqttVersion.V3_1_1, Hex.packet(0x32, TOPIC + " 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void payloadIsBinaryEvenWhenMarkedUtf8() {
        // The decoder does not validate a payload flagged as UTF-8 (the receiver MAY; the node decides).
        Publish p = ok(MqttVersion.V5, Hex.packet(0x30, TOPIC + " " + props("01 01") + " FF 00 ED A0 80"));
        assertThat(p.payload()).containsExactly(0xFF, 0x00, 0xED, 0xA0, 0x80);
    }

    @Test
    void controlCharactersAndNonCharactersInTopicsAreAccepted() {
        // U+0001, U+007F, U+0085 (C2 85), U+FFFF (EF BF BF): "should not", not "must not" (1.5.4).
        Publish p = ok(MqttVersion.V3_1_1, Hex.packet(0x30, "00 07 01 7F C2 85 EF BF BF"));
        assertThat(p.topic()).isEqualTo("\u0001\u007F\u0085\uFFFF");
    }

    @Test
    void qos2WithPayloadAndRetainDecodes() {
        Publish p = ok(MqttVersion.V3_1_1, Hex.packet(0x35, TOPIC + " FF FF 01 02"));
        assertThat(p.qos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(p.retain()).isTrue();
        assertThat(p.packetId()).isEqualTo(65_535);
        assertThat(p.payload()).containsExactly(1, 2);
    }
}
