package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.codec.decode.Bodies.connectV311;
import static dev.murmur.protocol.codec.decode.Bodies.connectV5;
import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Golden;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.packet.Connect;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectDecoderTest {
    private static final String CLIENT_ID = Hex.str("c1");

    static Stream<Golden.Vector> golden() {
        return Golden.of(PacketType.CONNECT).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void decodesGoldenVectors(Golden.Vector v) {
        MqttDecoder d = MqttDecoder.forServer(Golden.MAX);
        assertThat(Decoding.packet(d, v.bytes())).isEqualTo(v.packet());
        assertThat(d.version()).isEqualTo(v.version());
    }

    private static ReasonCode fail(byte[] packet) {
        return Decoding.failure(MqttDecoder.forServer(Golden.MAX), packet);
    }

    private static Connect ok(byte[] packet) {
        return (Connect) Decoding.packet(MqttDecoder.forServer(Golden.MAX), packet);
    }

    @Test
    void unsupportedLevelIsReportedWithTheLevel_MQTT_3_1_2_2() {
        MqttDecoder d = MqttDecoder.forServer(Golden.MAX);
        byte[] level6 = Hex.packet(0x10, "00 04 4D 51 54 54 06 02 00 3C " + CLIENT_ID);
        assertThat(Decoding.failure(d, level6)).isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(d.connectProtocolLevel()).isEqualTo(6);
        assertThat(d.version()).isNull();
    }

    @Test
    void knownNameWithTheOtherFamilysLevelIsUnsupported_MQTT_3_1_2_2() {
        assertThat(fail(Hex.packet(0x10, "00 04 4D 51 54 54 03 02 00 3C " + CLIENT_ID)))
                .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
        assertThat(fail(Hex.packet(0x10, "00 06 4D 51 49 73 64 70 04 02 00 3C " + CLIENT_ID)))
                .isEqualTo(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
    }

    @Test
    void unknownProtocolNameIsMalformed_MQTT_3_1_2_1() {
        assertThat(fail(Hex.packet(0x10, "00 04 4D 51 54 58 04 02 00 3C " + CLIENT_ID)))
                .isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void reservedConnectFlagIsMalformed_MQTT_3_1_2_3() {
        assertThat(fail(connectV311(0x03, CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(connectV5(0x03, "", CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void reservedFixedHeaderFlagsAreMalformed_MQTT_2_1_3_1() {
        byte[] good = Golden.connect(MqttVersion.V3_1_1);
        good[0] = 0x11;
        assertThat(fail(good)).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willQos3IsMalformed_MQTT_3_1_2_12() {
        // 3.1.1: MQTT-3.1.2-14. Flags 1E = will QoS 3, will flag, clean start.
        String will = Hex.str("w") + " " + Hex.str("m");
        assertThat(fail(connectV311(0x1E, CLIENT_ID + " " + will))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(connectV5(0x1E, "", CLIENT_ID + " 00 " + will))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willQosWithoutWillFlagIsMalformed_MQTT_3_1_2_11() {
        // 3.1.1: MQTT-3.1.2-13. Flags 0A = will QoS 1 without will flag.
        assertThat(fail(connectV311(0x0A, CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(connectV5(0x0A, "", CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willRetainWithoutWillFlagIsMalformed_MQTT_3_1_2_13() {
        // 3.1.1: MQTT-3.1.2-15. Flags 22 = will retain without will flag.
        assertThat(fail(connectV311(0x22, CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(connectV5(0x22, "", CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void passwordWithoutUserNameIsMalformedIn311_MQTT_3_1_2_22() {
        String password = "00 02 70 77";
        assertThat(fail(connectV311(0x42, CLIENT_ID + " " + password))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        // MQTT 5.0 allows a password without a user name (3.1.2.9).
        Connect v5 = ok(connectV5(0x42, "", CLIENT_ID + " " + password));
        assertThat(v5.username()).isNull();
        assertThat(v5.password()).containsExactly(0x70, 0x77);
    }

    @Test
    void missingPayloadFieldIsMalformed() {
        // MQTT-3.1.2-9, MQTT-3.1.2-17, MQTT-3.1.2-19, MQTT-3.1.3-3, MQTT-3.1.4-1: a field its flag
        // announces must be there. User name flag set, packet ends after the client id.
        // (3.1.1 MQTT-3.1.2-9, 3.1.1 MQTT-3.1.2-19, 3.1.1 MQTT-3.1.2-21, 3.1.1 MQTT-3.1.3-3, 3.1.1 MQTT-3.1.4-1)
        assertThat(fail(connectV311(0x82, CLIENT_ID))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        // Will flag set, no will topic.
        assertThat(fail(connectV5(0x06, "", CLIENT_ID + " 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        // Body ends inside the protocol name.
        assertThat(fail(Hex.packet(0x10, "00 04 4D 51"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
        assertThat(fail(Hex.bytes("10 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void trailingBytesAreMalformed() {
        // MQTT-3.1.2-16, MQTT-3.1.2-18, MQTT-3.1.3-1: no field the flags do not announce, in order
        // (3.1.1 MQTT-3.1.2-11, 3.1.1 MQTT-3.1.2-18, 3.1.1 MQTT-3.1.2-20, 3.1.1 MQTT-3.1.3-1)
        assertThat(fail(connectV311(0x02, CLIENT_ID + " 00"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void clientIdWithNullCharacterIsMalformed_MQTT_1_5_4_2() {
        assertThat(fail(connectV311(0x02, "00 03 61 00 62"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void clientIdWithEncodedSurrogateIsMalformed_MQTT_1_5_4_1() {
        // MQTT-3.1.3-4 (3.1.1 MQTT-3.1.3-4): the client id is a UTF-8 string
        assertThat(fail(connectV311(0x02, "00 03 ED A0 80"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void userNameWithEncodedSurrogateIsMalformed_MQTT_3_1_3_12() {
        // 3.1.1 MQTT-3.1.3-11: the user name is a UTF-8 string too
        assertThat(fail(connectV311(0x82, CLIENT_ID + " 00 03 ED A0 80"))).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void willTopicWithWildcardIsTopicNameInvalid() {
        // MQTT-3.1.3-11 (3.1.1 MQTT-3.1.3-10): the will topic is a UTF-8 topic name
        String will = Hex.str("a/#") + " " + Hex.str("m");
        assertThat(fail(connectV311(0x06, CLIENT_ID + " " + will))).isEqualTo(ReasonCode.TOPIC_NAME_INVALID);
    }

    @Test
    void authenticationDataWithoutMethodIsAProtocolError() {
        assertThat(fail(connectV5(0x02, "16 00 01 AA", CLIENT_ID))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(ok(connectV5(0x02, "15 00 01 4D 16 00 01 AA", CLIENT_ID)).properties().authenticationMethod())
                .isEqualTo("M");
    }

    @Test
    void propertyNotAllowedInConnectIsAProtocolError() {
        assertThat(fail(connectV5(0x02, "23 00 01", CLIENT_ID))).isEqualTo(ReasonCode.PROTOCOL_ERROR); // topic alias
        assertThat(fail(connectV5(0x02, "24 01", CLIENT_ID))).isEqualTo(ReasonCode.PROTOCOL_ERROR); // maximum QoS
    }

    @Test
    void willPropertyNotAllowedInWillIsAProtocolError() {
        // Session Expiry Interval belongs to CONNECT, not to its will properties.
        String will = "05 11 00 00 00 01 " + Hex.str("w") + " " + Hex.str("m");
        assertThat(fail(connectV5(0x06, "", CLIENT_ID + " " + will))).isEqualTo(ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void connectPropertyRangesAreEnforced() {
        assertThat(fail(connectV5(0x02, "21 00 00", CLIENT_ID))).as("receive maximum 0")
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(connectV5(0x02, "27 00 00 00 00", CLIENT_ID))).as("maximum packet size 0")
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(connectV5(0x02, "17 02", CLIENT_ID))).as("request problem information 2")
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(fail(connectV5(0x02, "19 02", CLIENT_ID))).as("request response information 2")
                .isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(ok(connectV5(0x02, "21 FF FF 27 FF FF FF FF 17 00 19 01", CLIENT_ID)).properties())
                .satisfies(p -> {
                    assertThat(p.receiveMaximum()).isEqualTo(65_535);
                    assertThat(p.maximumPacketSize()).isEqualTo(0xFFFF_FFFFL);
                    assertThat(p.requestProblemInformation()).isZero();
                    assertThat(p.requestResponseInformation()).isEqualTo(1);
                });
    }

    @Test
    void willPropertiesAreDecoded() {
        String will = Bodies.props("01 01 02 00 00 00 0A 18 00 00 00 05 26 " + Hex.str("a") + " " + Hex.str("b"))
                + " " + Hex.str("w/t") + " 00 00";
        Connect c = ok(connectV5(0x2E, "", CLIENT_ID + " " + will)); // will QoS 1, will retain
        assertThat(c.will().retain()).isTrue();
        assertThat(c.will().payload()).isEmpty();
        assertThat(c.will().properties().willDelayInterval()).isEqualTo(5L);
        assertThat(c.will().properties().messageExpiryInterval()).isEqualTo(10L);
        assertThat(c.will().properties().userProperties()).hasSize(1);
    }

    @Test
    void failedConnectKeepsTheAnnouncedLevelForTheConnackFormat() {
        MqttDecoder d = MqttDecoder.forServer(Golden.MAX);
        Decoding.failure(d, connectV5(0x03, "", CLIENT_ID));
        assertThat(d.connectProtocolLevel()).isEqualTo(5);
        assertThat(d.version()).isNull();
    }
}
