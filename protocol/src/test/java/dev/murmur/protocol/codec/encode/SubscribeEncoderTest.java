package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SUBSCRIBE golden vectors (MQTT 3.1.1 section 3.8, MQTT 5.0 section 3.8). */
class SubscribeEncoderTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3MatchesTheSpecPayloadExample(MqttVersion v) {
        // MQTT 3.1.1 figure 3.22: "a/b" QoS 1, "c/d" QoS 2; flags 0b0010 (MQTT-3.8.1-1).
        Subscribe subscribe = new Subscribe(10, List.of(Subscription.of("a/b", QoS.AT_LEAST_ONCE),
                Subscription.of("c/d", QoS.EXACTLY_ONCE)), Properties.EMPTY);

        assertEncodes(subscribe, v, "82 0E  00 0A  00 03 61 2F 62 01  00 03 63 2F 64 02");
    }

    @Test
    void v3OptionsByteHoldsOnlyTheQos() {
        Subscribe subscribe = new Subscribe(1,
                List.of(new Subscription("a", QoS.AT_LEAST_ONCE, true, true, RetainHandling.DO_NOT_SEND)),
                Properties.builder().subscriptionIdentifier(3).build());

        assertEncodes(subscribe, MqttVersion.V3_1_1, "82 06  00 01  00 01 61 01");
    }

    @Test
    void v5WithoutProperties() {
        Subscribe subscribe = new Subscribe(1, List.of(Subscription.of("a", QoS.AT_MOST_ONCE)), Properties.EMPTY);

        assertEncodes(subscribe, MqttVersion.V5, "82 07  00 01  00  00 01 61 00");
    }

    @Test
    void v5OptionsAndSubscriptionIdentifier() {
        // Options (MQTT 5.0 figure 3-21): QoS 2 | No Local 0x04 | Retain As Published 0x08 |
        // Retain Handling 2 << 4 = 0x2E; then retain handling 1 alone = 0x10.
        Subscribe subscribe = new Subscribe(10, List.of(
                new Subscription("a", QoS.EXACTLY_ONCE, true, true, RetainHandling.DO_NOT_SEND),
                new Subscription("b", QoS.AT_MOST_ONCE, false, false, RetainHandling.SEND_IF_NEW_SUBSCRIPTION)),
                Properties.builder().subscriptionIdentifier(3).build());

        assertEncodes(subscribe, MqttVersion.V5, "82 0D  00 0A  02 0B 03  00 01 61 2E  00 01 62 10");
    }
}
