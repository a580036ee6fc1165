package dev.murmur.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Hex helpers for byte-level tests: expected vectors are written as "10 1A 00 04 ..." strings, and
 * packets can be framed with a computed remaining length.
 */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

    private Hex() {
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

    /** Parses "10 0F 00 04 ..."; spaces and line breaks are ignored. */
    public static byte[] bytes(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + hex);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** A packet: {@code firstByte}, the remaining length as a Variable Byte Integer, then {@code body}. */
    public static byte[] packet(int firstByte, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
        out.write(firstByte);
        writeVbi(out, body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** {@link #packet(int, byte[])} with the body in hex. */
    public static byte[] packet(int firstByte, String bodyHex) {
        return packet(firstByte, bytes(bodyHex));
    }

    /** The Variable Byte Integer encoding of {@code value}. */
    public static byte[] vbi(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4);
        writeVbi(out, value);
        return out.toByteArray();
    }

    private static void writeVbi(ByteArrayOutputStream out, int value) {
        do {
            int b = value & 0x7F;
            value >>>= 7;
            out.write(value > 0 ? b | 0x80 : b);
        } while (value > 0);
    }

    /** Two-byte length prefix plus the UTF-8 bytes of {@code s}, as hex. */
    public static String str(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return String.format("%02X %02X ", b.length >> 8, b.length & 0xFF) + of(b);
    }

    /** Spaced upper-case hex of {@code bytes}. */
    public static String of(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    /** Concatenates byte arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
