package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;
import static dev.murmur.protocol.codec.encode.EncoderAssert.hex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Packets;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PUBACK, PUBREC, PUBREL and PUBCOMP golden vectors (MQTT 5.0 sections 3.4-3.7). */
class AckEncoderTest {
    private static final Properties REASON_R = Properties.builder().reasonString("r").build();

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3IsThePacketIdentifierAlone(MqttVersion v) {
        assertEncodes(PubAck.of(10), v, "40 02 00 0A");
        assertEncodes(PubRec.of(10), v, "50 02 00 0A");
        // PUBREL fixed-header flags are 0b0010 (MQTT-3.6.1-1).
        assertEncodes(PubRel.of(10), v, "62 02 00 0A");
        assertEncodes(PubComp.of(10), v, "70 02 00 0A");
    }

    @Test
    void v3DropsReasonCodeAndProperties() {
        assertEncodes(Packets.pubAckFull(MqttVersion.V5), MqttVersion.V3_1_1, "40 02 00 0B");
    }

    @Test
    void v5SuccessWithoutPropertiesUsesTheTwoByteForm() {
        // MQTT 5.0 section 3.4.2.1: reason code 0x00 and no properties may be omitted.
        assertEncodes(PubAck.of(10), MqttVersion.V5, "40 02 00 0A");
        assertEncodes(PubRec.of(10), MqttVersion.V5, "50 02 00 0A");
        assertEncodes(PubRel.of(10), MqttVersion.V5, "62 02 00 0A");
        assertEncodes(PubComp.of(10), MqttVersion.V5, "70 02 00 0A");
    }

    @Test
    void v5FailureWithoutPropertiesOmitsThePropertyLength() {
        // MQTT 5.0 section 3.4.2.2.1: with a remaining length under 4 the property length is 0.
        assertEncodes(new PubAck(10, ReasonCode.NO_MATCHING_SUBSCRIBERS, Properties.EMPTY), MqttVersion.V5,
                "40 03 00 0A 10");
        assertEncodes(new PubRec(10, ReasonCode.QUOTA_EXCEEDED, Properties.EMPTY), MqttVersion.V5,
                "50 03 00 0A 97");
        assertEncodes(new PubRel(10, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY), MqttVersion.V5,
                "62 03 00 0A 92");
        assertEncodes(new PubComp(10, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, Properties.EMPTY), MqttVersion.V5,
                "70 03 00 0A 92");
    }

    @Test
    void v5SuccessWithPropertiesWritesTheReasonCode() {
        assertEncodes(new PubAck(10, ReasonCode.SUCCESS, REASON_R), MqttVersion.V5,
                "40 08 00 0A 00 04 1F 00 01 72");
        assertEncodes(new PubRel(0xFFFF, ReasonCode.SUCCESS, REASON_R), MqttVersion.V5,
                "62 08 FF FF 00 04 1F 00 01 72");
    }

    @Test
    void v5ReasonStringAndUserProperties() {
        Properties props = Properties.builder().userProperty("k", "v").reasonString("r").build();

        assertEncodes(new PubComp(1, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, props), MqttVersion.V5,
                "70 0F 00 01 92 0B 1F 00 01 72 26 00 01 6B 00 01 76");
    }

    @Test
    void packetIdentifierZeroIsRefused() {
        // MQTT-2.2.1-3 / MQTT 5.0 section 2.2.1: packet identifiers are non-zero.
        assertThatThrownBy(() -> hex(PubAck.of(0), MqttVersion.V5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hex(PubAck.of(65_536), MqttVersion.V5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertyOfAnotherPacketIsRefused() {
        PubAck ack = new PubAck(1, ReasonCode.SUCCESS, Properties.builder().contentType("x").build());

        assertThatThrownBy(() -> hex(ack, MqttVersion.V5)).isInstanceOf(IllegalArgumentException.class);
    }
}
