package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;
import static dev.murmur.protocol.codec.encode.EncoderAssert.hex;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SUBACK golden vectors (MQTT 3.1.1 section 3.9, MQTT 5.0 section 3.9). */
class SubAckEncoderTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3MatchesTheSpecPayloadExample(MqttVersion v) {
        // MQTT 3.1.1 figure 3.26: granted QoS 0, granted QoS 2, failure 0x80.
        SubAck ack = new SubAck(10, List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_2,
                ReasonCode.UNSPECIFIED_ERROR), Properties.EMPTY);

        assertEncodes(ack, v, "90 05  00 0A  00 02 80");
    }

    @Test
    void v3MapsEveryV5FailureTo0x80() {
        // MQTT 3.1.1 section 3.9.3: 0x80 is the only failure return code.
        SubAck ack = new SubAck(1, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED,
                ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.QUOTA_EXCEEDED,
                ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED, ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED),
                Properties.builder().reasonString("x").build());

        assertEncodes(ack, MqttVersion.V3_1_1, "90 08  00 01  01 80 80 80 80 80");
    }

    @Test
    void v3RefusesASuccessCodeThatIsNotAGrantedQos() {
        SubAck ack = new SubAck(1, List.of(ReasonCode.NO_SUBSCRIPTION_EXISTED), Properties.EMPTY);

        assertThatThrownBy(() -> hex(ack, MqttVersion.V3_1_1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void v5KeepsTheReasonCodes() {
        SubAck ack = new SubAck(10, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED), Properties.EMPTY);

        assertEncodes(ack, MqttVersion.V5, "90 05  00 0A  00  01 87");
    }

    @Test
    void v5WithReasonString() {
        SubAck ack = new SubAck(10, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED),
                Properties.builder().reasonString("r").build());

        assertEncodes(ack, MqttVersion.V5, "90 09  00 0A  04 1F 00 01 72  01 87");
    }
}
