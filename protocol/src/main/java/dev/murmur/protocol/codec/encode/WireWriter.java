package dev.murmur.protocol.codec.encode;

import java.nio.ByteBuffer;

/**
 * Static helpers that size and write the MQTT data types (MQTT 5.0 section 1.5): two-byte
 * integers, variable byte integers, UTF-8 strings and binary data. Sizing never allocates.
 */
public final class WireWriter {
    /** The largest value a variable byte integer can carry (four bytes, MQTT 5.0 section 1.5.5). */
    public static final int MAX_VARIABLE_BYTE_INTEGER = 268_435_455;
    /** The largest length of a UTF-8 string or binary data: their length prefix is two bytes. */
    public static final int MAX_TWO_BYTE_LENGTH = 65_535;

    private static final int ONE_BYTE_MAX = 127;
    private static final int TWO_BYTES_MAX = 16_383;
    private static final int THREE_BYTES_MAX = 2_097_151;

    private WireWriter() {
    }

    /** The number of bytes (1-4) of {@code value} as a variable byte integer. */
    public static int vbiSize(long value) {
        if (value < 0 || value > MAX_VARIABLE_BYTE_INTEGER) {
            throw new IllegalArgumentException("variable byte integer out of range: " + value);
        }
        if (value <= ONE_BYTE_MAX) {
            return 1;
        }
        if (value <= TWO_BYTES_MAX) {
            return 2;
        }
        return value <= THREE_BYTES_MAX ? 3 : 4;
    }

    /** Writes {@code value} (already range-checked by {@link #vbiSize}) as a variable byte integer. */
    public static void writeVbi(ByteBuffer out, int value) {
        int v = value;
        do {
            int digit = v & 0x7F;
            v >>>= 7;
            out.put((byte) (v > 0 ? digit | 0x80 : digit));
        } while (v > 0);
    }

    /** Writes the low 16 bits of {@code value}, most significant byte first. */
    public static void writeTwoByte(ByteBuffer out, int value) {
        out.put((byte) (value >>> 8));
        out.put((byte) value);
    }

    /** Writes the low 32 bits of {@code value}, most significant byte first. */
    public static void writeFourByte(ByteBuffer out, long value) {
        out.putInt((int) value);
    }

    /**
     * The number of UTF-8 bytes of {@code s}, computed without allocating. Throws for an unpaired
     * surrogate, which has no UTF-8 form (MQTT-1.5.4-1).
     */
    public static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 2; // two chars, four bytes
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /** The encoded size of a UTF-8 string field: its two-byte length prefix plus its bytes. */
    public static int utf8Size(String s) {
        int len = utf8Length(s);
        if (len > MAX_TWO_BYTE_LENGTH) {
            throw new IllegalArgumentException("UTF-8 string of " + len + " bytes exceeds 65535");
        }
        return 2 + len;
    }

    /** The encoded size of a binary data field: its two-byte length prefix plus its bytes. */
    public static int binarySize(byte[] data) {
        if (data.length > MAX_TWO_BYTE_LENGTH) {
            throw new IllegalArgumentException("binary data of " + data.length + " bytes exceeds 65535");
        }
        return 2 + data.length;
    }

    /**
     * Writes a UTF-8 string field. The length prefix is filled in after the characters so the
     * string is scanned once here; {@link #utf8Size} has already checked it fits.
     */
    public static void writeUtf8(ByteBuffer out, String s) {
        int lengthAt = out.position();
        int n = s.length();
        int i = 0;
        if (out.hasArray() && out.remaining() >= 2 + n) {
            // ASCII fast path: one pass straight into the backing array, length prefix included
            // (ASCII is one byte per char); the first non-ASCII char hands over to the general loop.
            byte[] a = out.array();
            int base = out.arrayOffset() + lengthAt + 2;
            while (i < n) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                a[base + i] = (byte) c;
                i++;
            }
            if (i == n) {
                a[base - 2] = (byte) (n >>> 8);
                a[base - 1] = (byte) n;
                out.position(lengthAt + 2 + n);
                return;
            }
        }
        out.position(lengthAt + 2 + i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.put((byte) c);
            } else if (c < 0x800) {
                out.put((byte) (0xC0 | (c >> 6)));
                out.put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.put((byte) (0xF0 | (cp >> 18)));
                out.put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                out.put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                out.put((byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("unpaired surrogate at index " + i);
            } else {
                out.put((byte) (0xE0 | (c >> 12)));
                out.put((byte) (0x80 | ((c >> 6) & 0x3F)));
                out.put((byte) (0x80 | (c & 0x3F)));
            }
        }
        int length = out.position() - lengthAt - 2;
        out.put(lengthAt, (byte) (length >>> 8));
        out.put(lengthAt + 1, (byte) length);
    }

    /** Writes a binary data field: two-byte length, then the bytes. */
    public static void writeBinary(ByteBuffer out, byte[] data) {
        writeTwoByte(out, data.length);
        out.put(data);
    }
}
