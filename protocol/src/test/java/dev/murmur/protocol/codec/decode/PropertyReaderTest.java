package dev.murmur.protocol.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.Decoding;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Publish;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property sections whose length sits on a Variable Byte Integer boundary. netty/netty#17105 once
 * dropped the last property of a block of 128 bytes or more by mixing prefix-inclusive and
 * content-only lengths; here the last property must survive at every boundary.
 */
class PropertyReaderTest {

    /** Message expiry (5) + user property padded to fill + topic alias last (3) = {@code length} bytes. */
    private static byte[] propertiesOf(int length) {
        int valueLength = length - 5 - 3 - (1 + 2 + 1 + 2);
        char[] value = new char[valueLength];
        Arrays.fill(value, 'v');
        String hex = "02 00 00 00 07 26 " + Hex.str("k") + " " + Hex.str(new String(value)) + " 23 00 09";
        byte[] props = Hex.bytes(hex);
        assertThat(props).hasSize(length);
        return props;
    }

    @ParameterizedTest(name = "property length {0}")
    @ValueSource(ints = {126, 127, 128, 129, 16_383, 16_384})
    void lastPropertyOfABoundarySizedSectionSurvives(int length) {
        byte[] packet = Hex.packet(0x30, Hex.concat(Hex.bytes(Hex.str("t")), Hex.vbi(length), propertiesOf(length),
                Hex.bytes("AB")));
        Publish p = (Publish) Decoding.packet(Decoding.server(MqttVersion.V5), packet);
        assertThat(p.properties().messageExpiryInterval()).isEqualTo(7L);
        assertThat(p.properties().userProperties()).hasSize(1);
        assertThat(p.properties().topicAlias()).as("last property").isEqualTo(9);
        assertThat(p.payload()).containsExactly(0xAB);
    }

    @ParameterizedTest(name = "property length {0}")
    @ValueSource(ints = {127, 128})
    void boundarySizedSectionInAnAck(int length) {
        // CONNACK: reason string (1+2+n) + user property (1+2+1+2+1) + receive maximum last (3).
        int n = length - 3 - 7 - 3;
        char[] reason = new char[n];
        Arrays.fill(reason, 'r');
        byte[] props = Hex.bytes("1F " + Hex.str(new String(reason)) + " 26 " + Hex.str("k") + " " + Hex.str("v")
                + " 21 00 05");
        assertThat(props).hasSize(length);
        byte[] packet = Hex.packet(0x20, Hex.concat(Hex.bytes("00 00"), Hex.vbi(length), props));
        ConnAck c = (ConnAck) Decoding.packet(Decoding.client(MqttVersion.V5), packet);
        assertThat(c.properties().receiveMaximum()).isEqualTo(5);
        assertThat(c.properties().reasonString()).hasSize(n);
    }
}
