package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DISCONNECT golden vectors (MQTT 3.1.1 section 3.14, MQTT 5.0 section 3.14). */
class DisconnectEncoderTest {

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3IsEmptyWhateverTheReason(MqttVersion v) {
        assertEncodes(Disconnect.NORMAL, v, "E0 00");
        assertEncodes(new Disconnect(ReasonCode.SESSION_TAKEN_OVER, Properties.builder().reasonString("r").build()),
                v, "E0 00");
    }

    @Test
    void v5NormalWithoutPropertiesIsEmpty() {
        // MQTT 5.0 section 3.14.2.1: remaining length 0 means Normal disconnection.
        assertEncodes(Disconnect.NORMAL, MqttVersion.V5, "E0 00");
    }

    @Test
    void v5ReasonCodeWithoutPropertiesOmitsThePropertyLength() {
        // MQTT 5.0 section 3.14.2.2.1: with a remaining length under 2 the property length is 0.
        assertEncodes(Disconnect.of(ReasonCode.SESSION_TAKEN_OVER), MqttVersion.V5, "E0 01 8E");
        assertEncodes(Disconnect.of(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE), MqttVersion.V5, "E0 01 04");
    }

    @Test
    void v5NormalWithSessionExpiry() {
        Disconnect d = new Disconnect(ReasonCode.NORMAL_DISCONNECTION,
                Properties.builder().sessionExpiryInterval(0L).build());

        assertEncodes(d, MqttVersion.V5, "E0 07  00  05 11 00 00 00 00");
    }

    @Test
    void v5ServerMovedWithServerReference() {
        Disconnect d = new Disconnect(ReasonCode.SERVER_MOVED, Properties.builder().serverReference("s").build());

        assertEncodes(d, MqttVersion.V5, "E0 06  9D  04 1C 00 01 73");
    }
}
