package dev.murmur.protocol.codec.encode;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.protocol.codec.Hex;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Variable byte integers, UTF-8 strings and binary data (MQTT 5.0 section 1.5). */
class WireWriterTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // MQTT 5.0 table 1-1: the boundaries of each size.
        "0, 00",
        "127, 7F",
        "128, 80 01",
        "16383, FF 7F",
        "16384, 80 80 01",
        "2097151, FF FF 7F",
        "2097152, 80 80 80 01",
        "268435455, FF FF FF 7F",
        "321, C1 02",
    })
    void variableByteIntegerBoundaries(int value, String hex) {
        // MQTT-1.5.5-1: the fewest bytes that hold the value
        ByteBuffer out = ByteBuffer.allocate(4);
        WireWriter.writeVbi(out, value);

        assertThat(Hex.of(out.flip())).isEqualTo(hex);
        assertThat(WireWriter.vbiSize(value)).isEqualTo(out.limit());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 268_435_456L, Long.MAX_VALUE})
    void variableByteIntegerOutOfRangeIsRefused(long value) {
        assertThatThrownBy(() -> WireWriter.vbiSize(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "ü", "é€", "maison/température", "\uD834\uDD1E clef", "日本語/トピック",
        "\u007F\u0080\u07FF\u0800\uFFFF", "\uD83D\uDE00\uD83D\uDE00"})
    void utf8LengthAndBytesAgreeWithTheJdk(String s) {
        byte[] expected = s.getBytes(UTF_8);
        assertThat(WireWriter.utf8Length(s)).isEqualTo(expected.length);
        assertThat(WireWriter.utf8Size(s)).isEqualTo(2 + expected.length);

        ByteBuffer out = ByteBuffer.allocate(2 + expected.length);
        WireWriter.writeUtf8(out, s);
        out.flip();
        assertThat(out.getShort() & 0xFFFF).isEqualTo(expected.length);
        byte[] actual = new byte[out.remaining()];
        out.get(actual);
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void utf8GoldenBytes() {
        // U+00FC two bytes, U+20AC three bytes, U+1D11E (a surrogate pair) four bytes.
        ByteBuffer out = ByteBuffer.allocate(11);
        WireWriter.writeUtf8(out, "ü€\uD834\uDD1E");

        assertThat(Hex.of(out.flip())).isEqualTo("00 09 C3 BC E2 82 AC F0 9D 84 9E");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDC00\uD800", "x\uD834"})
    void unpairedSurrogatesHaveNoUtf8Form(String s) {
        // MQTT-1.5.4-1: UTF-8 must be well-formed; a lone surrogate cannot be encoded.
        assertThatThrownBy(() -> WireWriter.utf8Length(s)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireWriter.writeUtf8(ByteBuffer.allocate(16), s))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsAndBinaryAreLimitedTo65535Bytes() {
        assertThat(WireWriter.utf8Size("a".repeat(65_535))).isEqualTo(65_537);
        assertThatThrownBy(() -> WireWriter.utf8Size("a".repeat(65_536))).isInstanceOf(IllegalArgumentException.class);
        // 32,768 two-byte characters: short in chars, too long in bytes.
        assertThatThrownBy(() -> WireWriter.utf8Size("é".repeat(32_768))).isInstanceOf(IllegalArgumentException.class);
        assertThat(WireWriter.binarySize(new byte[65_535])).isEqualTo(65_537);
        assertThatThrownBy(() -> WireWriter.binarySize(new byte[65_536])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoAndFourByteIntegersAreBigEndian() {
        ByteBuffer out = ByteBuffer.allocate(6);
        WireWriter.writeTwoByte(out, 0xABCD);
        WireWriter.writeFourByte(out, 0xFFFF_FFFEL);

        assertThat(Hex.of(out.flip())).isEqualTo("AB CD FF FF FF FE");
    }

    @Test
    void binaryDataHasATwoByteLengthPrefix() {
        ByteBuffer out = ByteBuffer.allocate(5);
        WireWriter.writeBinary(out, new byte[] {0, (byte) 0xFF, 7});

        assertThat(Hex.of(out.flip())).isEqualTo("00 03 00 FF 07");
    }
}
