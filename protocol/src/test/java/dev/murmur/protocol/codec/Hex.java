package dev.murmur.protocol.codec;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Hex helpers for byte-level tests: expected vectors are written as "10 1A 00 04 ..." strings. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
    }

    /** The bytes of a hex string; spaces and line breaks are ignored. */
    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    /** The remaining bytes of {@code buf} as upper-case hex pairs separated by spaces; does not move it. */
    public static String of(ByteBuffer buf) {
        ByteBuffer view = buf.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return SPACED.formatHex(bytes);
    }

    /** {@code hex} normalised to upper-case pairs separated by single spaces. */
    public static String normalize(String hex) {
        return SPACED.formatHex(bytes(hex));
    }
}
