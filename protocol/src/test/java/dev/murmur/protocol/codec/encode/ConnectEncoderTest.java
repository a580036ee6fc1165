package dev.murmur.protocol.codec.encode;

import static dev.murmur.protocol.codec.encode.EncoderAssert.assertEncodes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;

/** CONNECT golden vectors (MQTT 3.1.1 section 3.1, MQTT 5.0 section 3.1). */
class ConnectEncoderTest {
    private static final byte[] P = {'p'};
    private static final byte[] X = {'x'};

    @Test
    void v311MatchesTheSpecVariableHeaderExample() {
        // MQTT 3.1.1 figure 3.6: "MQTT", level 4, flags 0xCE (user name, password, will QoS 1,
        // will flag, clean session), keep alive 10; payload client id, will topic, will message,
        // user name, password in that order (section 3.1.3).
        Will will = new Will("w", X, QoS.AT_LEAST_ONCE, false, Properties.EMPTY);
        Connect connect = new Connect(MqttVersion.V3_1_1, "c", true, 10, "u", P, will, Properties.EMPTY);

        assertEncodes(connect, MqttVersion.V3_1_1, """
                10 19
                00 04 4D 51 54 54  04  CE  00 0A
                00 01 63  00 01 77  00 01 78  00 01 75  00 01 70""");
    }

    @Test
    void v5MatchesTheSpecVariableHeaderExample() {
        // MQTT 5.0 figure 3-7: level 5, flags 0xCE, keep alive 10, properties length 5 holding
        // Session Expiry Interval (0x11) = 10; the payload adds the (empty) will properties.
        Will will = new Will("w", X, QoS.AT_LEAST_ONCE, false, Properties.EMPTY);
        Properties props = Properties.builder().sessionExpiryInterval(10L).build();
        Connect connect = new Connect(MqttVersion.V5, "c", true, 10, "u", P, will, props);

        assertEncodes(connect, MqttVersion.V5, """
                10 20
                00 04 4D 51 54 54  05  CE  00 0A  05 11 00 00 00 0A
                00 01 63  00  00 01 77  00 01 78  00 01 75  00 01 70""");
    }

    @Test
    void v31UsesProtocolNameMQIsdpAndLevel3() {
        Connect connect = new Connect(MqttVersion.V3_1, "c", true, 60, null, null, null, Properties.EMPTY);

        assertEncodes(connect, MqttVersion.V3_1, """
                10 0F
                00 06 4D 51 49 73 64 70  03  02  00 3C
                00 01 63""");
    }

    @Test
    void v5WillRetainQos2AndWillProperties() {
        // flags: will retain 0x20 | will QoS 2 << 3 | will flag 0x04 = 0x34; clean start 0.
        // Will properties: Will Delay Interval (0x18) = 5. Empty client id and will payload.
        Will will = new Will("t", new byte[0], QoS.EXACTLY_ONCE, true,
                Properties.builder().willDelayInterval(5L).build());
        Connect connect = new Connect(MqttVersion.V5, "", false, 0, null, null, will, Properties.EMPTY);

        assertEncodes(connect, MqttVersion.V5, """
                10 18
                00 04 4D 51 54 54  05  34  00 00  00
                00 00  05 18 00 00 00 05  00 01 74  00 00""");
    }

    @Test
    void v5PasswordWithoutUserNameSetsOnlyThePasswordFlag() {
        // MQTT 5.0 allows a password without a user name (section 3.1.2.9): flags 0x40 | 0x02.
        Connect connect = new Connect(MqttVersion.V5, "c", true, 0, null, new byte[] {1, 2}, null, Properties.EMPTY);

        assertEncodes(connect, MqttVersion.V5, """
                10 12
                00 04 4D 51 54 54  05  42  00 00  00
                00 01 63  00 02 01 02""");
    }

    @Test
    void v311LeavesOutPropertiesAndWillProperties() {
        Will will = new Will("w", X, QoS.AT_MOST_ONCE, false, Properties.builder().willDelayInterval(5L).build());
        Connect connect = new Connect(MqttVersion.V3_1_1, "c", false, 1, null, null, will,
                Properties.builder().sessionExpiryInterval(10L).build());

        assertEncodes(connect, MqttVersion.V3_1_1, """
                10 13
                00 04 4D 51 54 54  04  04  00 01
                00 01 63  00 01 77  00 01 78""");
    }

    @Test
    void connectForAnotherVersionIsRefused() {
        Connect connect = new Connect(MqttVersion.V5, "c", true, 0, null, null, null, Properties.EMPTY);

        assertThatThrownBy(() -> MqttEncoder.encode(connect, MqttVersion.V3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepAliveAboveTwoBytesIsRefused() {
        Connect connect = new Connect(MqttVersion.V5, "c", true, 65_536, null, null, null, Properties.EMPTY);

        assertThatThrownBy(() -> MqttEncoder.encodedSize(connect, MqttVersion.V5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void willPropertyNotAllowedInWillIsRefused() {
        // Session Expiry Interval is a CONNECT property, not a will property (MQTT 5.0 3.1.3.2).
        Will will = new Will("w", X, QoS.AT_MOST_ONCE, false, Properties.builder().sessionExpiryInterval(1L).build());
        Connect connect = new Connect(MqttVersion.V5, "c", true, 0, null, null, will, Properties.EMPTY);

        assertThatThrownBy(() -> MqttEncoder.encode(connect, MqttVersion.V5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SESSION_EXPIRY_INTERVAL");
    }
}
