package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PINGREQ and PINGRESP: a two-byte fixed header in every version (MQTT 5.0 sections 3.12, 3.13). */
class EmptyEncoderTest {

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void pingsAreTwoBytes(MqttVersion v) {
        assertEncodes(PingReq.INSTANCE, v, "C0 00");
        assertEncodes(PingResp.INSTANCE, v, "D0 00");
    }
}
