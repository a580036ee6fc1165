package dev.murmur.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttFramesTest {

    @ParameterizedTest(name = "remaining length {0}")
    @CsvSource({"0, 2", "127, 129", "128, 131", "16383, 16386", "16384, 16388", "2097151, 2097155",
        "2097152, 2097157", "268435455, 268435460"})
    void totalLengthAtVariableByteIntegerBoundaries(int remaining, long total) {
        ByteBuffer header = ByteBuffer.wrap(Hex.concat(new byte[] {0x30}, Hex.vbi(remaining)));
        assertThat(MqttFrames.frameLength(header, Integer.MAX_VALUE)).isEqualTo(total);
        assertThat(header.position()).as("not consumed").isZero();
    }

    @Test
    void incompleteHeaderNeedsMore() {
        assertThat(MqttFrames.frameLength(ByteBuffer.allocate(0), 100)).isEqualTo(MqttFrames.NEED_MORE);
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(Hex.bytes("30")), 100)).isEqualTo(MqttFrames.NEED_MORE);
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(Hex.bytes("30 80 80")), 100)).isEqualTo(MqttFrames.NEED_MORE);
    }

    @Test
    void fifthLengthByteIsMalformed() {
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(Hex.bytes("30 80 80 80 80")), Integer.MAX_VALUE))
                .isEqualTo(MqttFrames.MALFORMED_LENGTH);
    }

    @Test
    void tooLargeIsKnownFromTheHeaderAlone() {
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(Hex.bytes("30 FF FF FF 7F")), 1 << 20))
                .isEqualTo(MqttFrames.TOO_LARGE);
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(Hex.bytes("30 7E")), 128)).isEqualTo(128);
        assertThat(MqttFrames.frameLength(ByteBuffer.wrap(Hex.bytes("30 7F")), 128)).isEqualTo(MqttFrames.TOO_LARGE);
    }

    @Test
    void readsFromTheBufferPosition() {
        ByteBuffer buf = ByteBuffer.wrap(Hex.bytes("C0 00 30 02 00 00"));
        buf.position(2);
        assertThat(MqttFrames.frameLength(buf, 100)).isEqualTo(4);
        assertThat(buf.position()).isEqualTo(2);
    }
}
