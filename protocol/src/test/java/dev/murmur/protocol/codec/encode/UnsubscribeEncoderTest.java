package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** UNSUBSCRIBE golden vectors (MQTT 3.1.1 section 3.10, MQTT 5.0 section 3.10). */
class UnsubscribeEncoderTest {
    private static final Properties USER_KV = Properties.builder().userProperty("k", "v").build();

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3MatchesTheSpecPayloadExample(MqttVersion v) {
        // MQTT 3.1.1 figure 3.30: "a/b", "c/d"; fixed-header flags 0b0010 (MQTT-3.10.1-1).
        assertEncodes(new Unsubscribe(10, List.of("a/b", "c/d"), USER_KV), v,
                "A2 0C  00 0A  00 03 61 2F 62  00 03 63 2F 64");
    }

    @Test
    void v5WithoutProperties() {
        assertEncodes(new Unsubscribe(10, List.of("a/b", "c/d"), Properties.EMPTY), MqttVersion.V5,
                "A2 0D  00 0A  00  00 03 61 2F 62  00 03 63 2F 64");
    }

    @Test
    void v5WithUserProperty() {
        assertEncodes(new Unsubscribe(10, List.of("a/b", "c/d"), USER_KV), MqttVersion.V5,
                "A2 14  00 0A  07 26 00 01 6B 00 01 76  00 03 61 2F 62  00 03 63 2F 64");
    }
}
