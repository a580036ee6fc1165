package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** UNSUBACK golden vectors (MQTT 3.1.1 section 3.11, MQTT 5.0 section 3.11). */
class UnsubAckEncoderTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3IsThePacketIdentifierAlone(MqttVersion v) {
        UnsubAck ack = new UnsubAck(10, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED),
                Properties.builder().reasonString("r").build());

        assertEncodes(ack, v, "B0 02 00 0A");
    }

    @Test
    void v5OneReasonCodePerFilter() {
        UnsubAck ack = new UnsubAck(10, List.of(ReasonCode.SUCCESS, ReasonCode.NO_SUBSCRIPTION_EXISTED),
                Properties.EMPTY);

        assertEncodes(ack, MqttVersion.V5, "B0 05  00 0A  00  00 11");
    }

    @Test
    void v5WithReasonString() {
        UnsubAck ack = new UnsubAck(10, List.of(ReasonCode.NOT_AUTHORIZED),
                Properties.builder().reasonString("r").build());

        assertEncodes(ack, MqttVersion.V5, "B0 08  00 0A  04 1F 00 01 72  87");
    }
}
