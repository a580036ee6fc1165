package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;
import static dev.murmur.protocol.codec.encode.EncoderAssert.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Packets;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** CONNACK golden vectors and the v5 reason code to v3 return code mapping. */
class ConnAckEncoderTest {

    @Test
    void v311AcceptedWithSessionPresent() {
        assertEncodes(new ConnAck(true, ReasonCode.SUCCESS, Properties.EMPTY), MqttVersion.V3_1_1, "20 02 01 00");
    }

    @Test
    void v31HasNoSessionPresentFlag() {
        // MQTT 3.1: the first byte is reserved; session present arrived in 3.1.1.
        assertEncodes(new ConnAck(true, ReasonCode.SUCCESS, Properties.EMPTY), MqttVersion.V3_1, "20 02 00 00");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "SUCCESS, 00",
        "UNSUPPORTED_PROTOCOL_VERSION, 01",
        "CLIENT_IDENTIFIER_NOT_VALID, 02",
        "SERVER_UNAVAILABLE, 03",
        "SERVER_BUSY, 03",
        "IMPLEMENTATION_SPECIFIC_ERROR, 03",
        "UNSPECIFIED_ERROR, 03",
        "QUOTA_EXCEEDED, 03",
        "CONNECTION_RATE_EXCEEDED, 03",
        "USE_ANOTHER_SERVER, 03",
        "BAD_USER_NAME_OR_PASSWORD, 04",
        "BAD_AUTHENTICATION_METHOD, 04",
        "NOT_AUTHORIZED, 05",
        "BANNED, 05",
    })
    void v3MapsReasonCodesToReturnCodes(ReasonCode code, String returnCode) {
        // MQTT 3.1.1 section 3.2.2.3, table 3.1: return codes 0-5.
        ConnAck ack = new ConnAck(false, code, Properties.EMPTY);
        assertEncodes(ack, MqttVersion.V3_1_1, "20 02 00 " + returnCode);
        assertEncodes(ack, MqttVersion.V3_1, "20 02 00 " + returnCode);
    }

    @Test
    void everyErrorCodeHasAV3ReturnCode() {
        for (ReasonCode code : ReasonCode.values()) {
            if (code.isError()) {
                String hex = hex(new ConnAck(false, code, Properties.EMPTY), MqttVersion.V3_1_1);
                assertThat(hex).as(code.name()).matches("20 02 00 0[1-5]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ReasonCode.class, names = {"CONTINUE_AUTHENTICATION", "NO_MATCHING_SUBSCRIBERS"})
    void v3RefusesNonSuccessCodesThatAreNotErrors(ReasonCode code) {
        assertThatThrownBy(() -> hex(new ConnAck(false, code, Properties.EMPTY), MqttVersion.V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v3LeavesOutProperties() {
        assertEncodes(Packets.connAckRefused(MqttVersion.V5), MqttVersion.V3_1_1, "20 02 00 05");
    }

    @Test
    void v5SuccessWithoutProperties() {
        // MQTT 5.0 section 3.2.2: flags, reason code, property length (0).
        assertEncodes(new ConnAck(false, ReasonCode.SUCCESS, Properties.EMPTY), MqttVersion.V5, "20 03 00 00 00");
    }

    @Test
    void v5FailureKeepsTheV5Code() {
        assertEncodes(new ConnAck(false, ReasonCode.NOT_AUTHORIZED, Properties.EMPTY), MqttVersion.V5,
                "20 03 00 87 00");
    }

    @Test
    void v5PropertiesAreWrittenInIdentifierOrder() {
        // Built with Receive Maximum (0x21) first; written after Assigned Client Identifier (0x12).
        Properties props = Properties.builder().receiveMaximum(10).assignedClientIdentifier("id").build();

        assertEncodes(new ConnAck(true, ReasonCode.SUCCESS, props), MqttVersion.V5, """
                20 0B
                01 00
                08  12 00 02 69 64  21 00 0A""");
    }

    @Test
    void v5PropertyOfAnotherPacketTypeIsRefused() {
        // Topic Alias is a PUBLISH property (MQTT 5.0 section 2.2.2.2).
        ConnAck ack = new ConnAck(false, ReasonCode.SUCCESS, Properties.builder().topicAlias(1).build());

        assertThatThrownBy(() -> hex(ack, MqttVersion.V5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TOPIC_ALIAS");
    }

    @Test
    void v5PropertyValueOutOfItsRangeIsRefused() {
        ConnAck ack = new ConnAck(false, ReasonCode.SUCCESS, Properties.builder().receiveMaximum(65_536).build());

        assertThatThrownBy(() -> hex(ack, MqttVersion.V5)).isInstanceOf(IllegalArgumentException.class);
    }
}
