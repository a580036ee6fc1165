package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;
import static dev.murmur.protocol.codec.encode.EncoderAssert.hex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PUBLISH golden vectors (MQTT 3.1.1 section 3.3, MQTT 5.0 section 3.3). */
class PublishEncoderTest {
    private static final byte[] HI = {'h', 'i'};

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3Qos0HasNoPacketIdentifier(MqttVersion v) {
        // MQTT-2.2.1-2: no packet identifier at QoS 0, even when the record holds one.
        assertEncodes(new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 99, HI, Properties.EMPTY), v,
                "30 07  00 03 61 2F 62  68 69");
    }

    @Test
    void v311Qos1WithDupAndRetainSetsAllFlags() {
        // Fixed header flags: DUP 0x08 | QoS 1 << 1 | RETAIN 0x01 = 0x0B (MQTT 3.1.1 section 3.3.1).
        assertEncodes(new Publish("a/b", QoS.AT_LEAST_ONCE, true, true, 10, HI, Properties.EMPTY),
                MqttVersion.V3_1_1, "3B 09  00 03 61 2F 62  00 0A  68 69");
    }

    @Test
    void v311Qos2CarriesThePacketIdentifier() {
        assertEncodes(new Publish("a/b", QoS.EXACTLY_ONCE, false, false, 0x1234, HI, Properties.EMPTY),
                MqttVersion.V3_1_1, "34 09  00 03 61 2F 62  12 34  68 69");
    }

    @Test
    void v311LeavesOutProperties() {
        Properties props = Properties.builder().messageExpiryInterval(60L).userProperty("k", "v").build();

        assertEncodes(new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 0, HI, props), MqttVersion.V3_1_1,
                "30 07  00 03 61 2F 62  68 69");
    }

    @Test
    void v5WithoutPropertiesHasAZeroPropertyLength() {
        // MQTT-2.2.2-1
        assertEncodes(new Publish("a/b", QoS.AT_MOST_ONCE, false, false, 0, HI, Properties.EMPTY), MqttVersion.V5,
                "30 08  00 03 61 2F 62  00  68 69");
    }

    @Test
    void v5WithProperties() {
        // Written in identifier order whatever the build order: Payload Format Indicator 0x01,
        // Message Expiry Interval 0x02, two Subscription Identifiers 0x0B as VBIs (1; 300 =
        // AC 02), Topic Alias 0x23, User Property 0x26.
        Properties props = Properties.builder()
                .userProperty("k", "v")
                .topicAlias(5)
                .subscriptionIdentifier(1)
                .subscriptionIdentifier(300)
                .messageExpiryInterval(60L)
                .payloadFormatIndicator(1)
                .build();

        assertEncodes(new Publish("a/b", QoS.AT_LEAST_ONCE, false, false, 7, HI, props), MqttVersion.V5, """
                32 20
                00 03 61 2F 62  00 07
                16  01 01  02 00 00 00 3C  0B 01  0B AC 02  23 00 05  26 00 01 6B 00 01 76
                68 69""");
    }

    @Test
    void v5EmptyTopicWithTopicAlias() {
        // MQTT 5.0 section 3.3.2.3.4: a zero-length topic name with a Topic Alias; empty payload.
        Publish publish = new Publish("", QoS.AT_MOST_ONCE, false, false, 0, new byte[0],
                Properties.builder().topicAlias(1).build());

        assertEncodes(publish, MqttVersion.V5, "30 06  00 00  03 23 00 01");
    }

    @Test
    void v5AllPublishPropertiesInOrder() {
        Properties props = Properties.builder()
                .payloadFormatIndicator(0)
                .messageExpiryInterval(0xFFFF_FFFFL)
                .contentType("t")
                .responseTopic("r")
                .correlationData(new byte[] {9})
                .subscriptionIdentifier(268_435_455)
                .topicAlias(0xFFFF)
                .userProperty("a", "1")
                .userProperty("a", "2")
                .build();

        assertEncodes(new Publish("x", QoS.AT_MOST_ONCE, false, false, 0, new byte[0], props), MqttVersion.V5, """
                30 2D
                00 01 78
                29
                01 00
                02 FF FF FF FF
                03 00 01 74
                08 00 01 72
                09 00 01 09
                0B FF FF FF 7F
                23 FF FF
                26 00 01 61 00 01 31
                26 00 01 61 00 01 32""");
    }

    @Test
    void qos1WithoutPacketIdentifierIsRefused() {
        // MQTT-2.2.1-3: a QoS > 0 PUBLISH needs a non-zero packet identifier.
        Publish publish = new Publish("a", QoS.AT_LEAST_ONCE, false, false, 0, HI, Properties.EMPTY);

        assertThatThrownBy(() -> hex(publish, MqttVersion.V3_1_1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reasonStringIsNotAPublishProperty() {
        Publish publish = new Publish("a", QoS.AT_MOST_ONCE, false, false, 0, HI,
                Properties.builder().reasonString("no").build());

        assertThatThrownBy(() -> hex(publish, MqttVersion.V5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void topicOver65535Utf8BytesIsRefused() {
        // 21,846 three-byte characters = 65,538 bytes.
        Publish publish = new Publish("€".repeat(21_846), QoS.AT_MOST_ONCE, false, false, 0, HI, Properties.EMPTY);

        assertThatThrownBy(() -> hex(publish, MqttVersion.V3_1_1)).isInstanceOf(IllegalArgumentException.class);
    }
}
