package dev.murmur.protocol.codec.encode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.Hex;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;

/** Asserts encoder output against hand-written byte vectors, through the public API. */
final class EncoderAssert {
    private EncoderAssert() {
    }

    /** Encodes and compares with {@code expectedHex}; also checks the announced size. */
    static void assertEncodes(MqttPacket packet, MqttVersion version, String expectedHex) {
        ByteBuffer buf = MqttEncoder.encode(packet, version);
        assertThat(Hex.of(buf)).as("%s as %s", packet, version).isEqualTo(Hex.normalize(expectedHex));
        assertThat(MqttEncoder.encodedSize(packet, version)).isEqualTo(buf.remaining());
    }

    /** The encoded bytes as normalised hex. */
    static String hex(MqttPacket packet, MqttVersion version) {
        return Hex.of(MqttEncoder.encode(packet, version));
    }
}
