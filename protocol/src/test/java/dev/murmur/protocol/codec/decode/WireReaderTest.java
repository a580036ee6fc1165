package dev.murmur.protocol.codec.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.Hex;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireReaderTest {

    private static WireReader reader(byte[] b) {
        return new WireReader(ByteBuffer.wrap(b), 0, b.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455})
    void variableByteIntegerBoundaries(int value) {
        byte[] encoded = Hex.vbi(value);
        WireReader in = reader(encoded);
        assertThat(in.readVariableByteInteger("v")).isEqualTo(value);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(in.failed()).isFalse();
    }

    @Test
    void fiveByteVariableByteIntegerIsMalformed() {
        WireReader in = reader(Hex.bytes("80 80 80 80 01"));
        assertThat(in.readVariableByteInteger("v")).isEqualTo(-1);
        assertThat(in.failure().reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void truncatedVariableByteIntegerIsMalformed() {
        WireReader in = reader(Hex.bytes("80 80"));
        assertThat(in.readVariableByteInteger("v")).isEqualTo(-1);
        assertThat(in.failure().reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void lengthsAreCheckedAgainstTheBytesLeft() {
        WireReader in = reader(Hex.bytes("00 05 61 62"));
        assertThat(in.readUtf8("s")).isNull();
        assertThat(in.failure().detail()).contains("needs 5 bytes, 2 left");
        assertThat(reader(Hex.bytes("00 03 01 02")).readBinary("b")).isNull();
        assertThat(reader(Hex.bytes("00 00 00")).readFourByteInteger("i")).isEqualTo(-1);
        assertThat(reader(Hex.bytes("00")).readTwoByteInteger("i")).isEqualTo(-1);
        assertThat(reader(new byte[0]).readByte("i")).isEqualTo(-1);
    }

    @Test
    void theFirstFailureWinsAndLaterReadsReturnSentinels() {
        WireReader in = reader(Hex.bytes("00 00 41"));
        assertThat(in.readPacketId()).isEqualTo(-1);
        DecodeFirst first = new DecodeFirst(in.failure().reasonCode(), in.failure().detail());
        assertThat(in.readByte("x")).isEqualTo(-1);
        assertThat(in.readUtf8("s")).isNull();
        in.fail(ReasonCode.MALFORMED_PACKET, "later");
        assertThat(in.failure().reasonCode()).isEqualTo(first.code());
        assertThat(in.failure().detail()).isEqualTo(first.detail());
    }

    private record DecodeFirst(ReasonCode code, String detail) {
    }

    @Test
    void pushLimitBoundsReadsAndRefusesOverrun() {
        WireReader in = reader(Hex.bytes("01 02 03 04"));
        int outer = in.pushLimit(2, "section");
        assertThat(in.readTwoByteInteger("a")).isEqualTo(0x0102);
        assertThat(in.readByte("b")).as("beyond the section end").isEqualTo(-1);
        in.popLimit(outer);
        assertThat(reader(Hex.bytes("01")).pushLimit(2, "section")).isEqualTo(-1);
    }

    @Test
    void fourByteIntegerIsUnsigned() {
        assertThat(reader(Hex.bytes("FF FF FF FF")).readFourByteInteger("i")).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void readRestCopiesAndEmptyRestIsShared() {
        byte[] b = Hex.bytes("01 02");
        WireReader in = reader(b);
        byte[] rest = in.readRest();
        b[0] = 9;
        assertThat(rest).containsExactly(1, 2);
        assertThat(in.readRest()).isSameAs(WireReader.NO_BYTES);
    }
}
