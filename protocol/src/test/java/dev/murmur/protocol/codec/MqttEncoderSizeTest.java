package dev.murmur.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MqttEncoder#encodedSize} equals the bytes written, for every fixture packet and version. */
class MqttEncoderSizeTest {

    static Stream<Arguments> everyPacket() {
        return EnumSet.allOf(MqttVersion.class).stream()
                .flatMap(v -> Packets.all(v).stream().map(p -> Arguments.of(v, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyPacket")
    void encodedSizeIsExactlyTheBytesWritten(MqttVersion version, MqttPacket packet) {
        int size = MqttEncoder.encodedSize(packet, version);

        ByteBuffer heap = MqttEncoder.encode(packet, version);
        assertThat(heap.remaining()).isEqualTo(size);
        assertThat(heap.capacity()).isEqualTo(size);

        // Into a larger buffer at an offset: writes exactly size bytes and nothing past them.
        ByteBuffer out = ByteBuffer.allocate(size + 10);
        out.position(3);
        MqttEncoder.encode(packet, version, out);
        assertThat(out.position()).isEqualTo(3 + size);
        assertThat(out.slice(3, size)).isEqualTo(heap);
        assertThat(out.get(3 + size)).isZero();

        // The remaining length in the fixed header agrees with the bytes that follow it.
        int remaining = 0;
        int multiplier = 1;
        int i = 1;
        int b;
        do {
            b = heap.get(i++) & 0xFF;
            remaining += (b & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0);
        assertThat(i + remaining).isEqualTo(size);
        assertThat(heap.get(0) >>> 4 & 0x0F).isEqualTo(packet.type().value());
    }
}
