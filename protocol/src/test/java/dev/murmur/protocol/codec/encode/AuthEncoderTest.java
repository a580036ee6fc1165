package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.codec.Packets;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** AUTH golden vectors (MQTT 5.0 section 3.15); AUTH does not exist before v5. */
class AuthEncoderTest {

    @Test
    void successWithoutPropertiesIsEmpty() {
        // MQTT 5.0 section 3.15.2.1: reason code and property length may both be left out.
        assertEncodes(new Auth(ReasonCode.SUCCESS, Properties.EMPTY), MqttVersion.V5, "F0 00");
    }

    @Test
    void continueAuthenticationWithMethodAndData() {
        Properties props = Properties.builder().authenticationData(new byte[] {1}).authenticationMethod("m").build();

        assertEncodes(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, props), MqttVersion.V5,
                "F0 0A  18  08 15 00 01 6D 16 00 01 01");
    }

    @Test
    void reAuthenticateWithoutPropertiesKeepsAZeroPropertyLength() {
        assertEncodes(new Auth(ReasonCode.RE_AUTHENTICATE, Properties.EMPTY), MqttVersion.V5, "F0 02 19 00");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1", "V3_1_1"})
    void v3IsAProgrammingError(MqttVersion v) {
        Auth auth = Packets.auth();

        assertThatThrownBy(() -> MqttEncoder.encodedSize(auth, v)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encode(auth, v)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encode(auth, v, 1_000L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MqttEncoder.encode(auth, v, ByteBuffer.allocate(16)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
