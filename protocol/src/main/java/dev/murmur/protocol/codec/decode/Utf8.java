package dev.murmur.protocol.codec.decode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Validation and decoding of MQTT UTF-8 Encoded Strings (MQTT 5.0 section 1.5.4) without a
 * CharsetDecoder: one pass checks well-formedness by the Unicode table of well-formed byte
 * sequences, then the JDK's String constructor builds the value (its ASCII/Latin-1 path for pure
 * ASCII, the common case for topics and client ids).
 *
 * <p>Refused (Malformed Packet): ill-formed sequences (overlong forms, stray continuation bytes,
 * truncated sequences, code points above U+10FFFF), encoded surrogates U+D800..U+DFFF
 * (MQTT-1.5.4-1) and U+0000 (MQTT-1.5.4-2). Accepted on purpose: control characters
 * U+0001..U+001F and U+007F..U+009F and non-characters such as U+FFFF. The spec says a sender
 * "should not" send them and a receiver MAY close the connection; refusing them would break
 * clients that misuse them harmlessly, and topic matching treats them like any other character.
 * A leading BOM (EF BB BF) is kept as U+FEFF, never stripped (MQTT-1.5.4-3).
 */
final class Utf8 {
    /** Valid and pure ASCII. */
    static final int ASCII = 0;
    /** Valid with at least one multi-byte sequence. */
    static final int NON_ASCII = 1;
    static final int ILL_FORMED = -1;
    static final int NULL_CHARACTER = -2;
    static final int SURROGATE = -3;

    private Utf8() {
    }

    /** Checks the bytes at absolute indexes [from, to) of {@code buf}; one of the constants above. */
    static int check(ByteBuffer buf, int from, int to) {
        int i = from;
        // ASCII fast path: a signed byte <= 0 is either U+0000 or the start of a multi-byte form.
        while (i < to && buf.get(i) > 0) {
            i++;
        }
        if (i == to) {
            return ASCII;
        }
        while (i < to) {
            int b = buf.get(i) & 0xFF;
            if (b < 0x80) {
                if (b == 0) {
                    return NULL_CHARACTER;
                }
                i++;
            } else if (b < 0xC2) {
                return ILL_FORMED; // a stray continuation byte, or an overlong 2-byte form (C0, C1)
            } else if (b < 0xE0) {
                if (i + 1 >= to || !isContinuation(buf.get(i + 1))) {
                    return ILL_FORMED;
                }
                i += 2;
            } else if (b < 0xF0) {
                int status = checkThreeBytes(buf, i, to, b);
                if (status != NON_ASCII) {
                    return status;
                }
                i += 3;
            } else if (b < 0xF5) {
                if (!isFourByteForm(buf, i, to, b)) {
                    return ILL_FORMED;
                }
                i += 4;
            } else {
                return ILL_FORMED; // F5..FF would encode beyond U+10FFFF
            }
        }
        return NON_ASCII;
    }

    private static int checkThreeBytes(ByteBuffer buf, int i, int to, int b0) {
        if (i + 2 >= to) {
            return ILL_FORMED;
        }
        int b1 = buf.get(i + 1) & 0xFF;
        if (!isContinuation((byte) b1) || !isContinuation(buf.get(i + 2))) {
            return ILL_FORMED;
        }
        if (b0 == 0xE0 && b1 < 0xA0) {
            return ILL_FORMED; // overlong: below U+0800
        }
        if (b0 == 0xED && b1 >= 0xA0) {
            return SURROGATE; // U+D800..U+DFFF
        }
        return NON_ASCII;
    }

    private static boolean isFourByteForm(ByteBuffer buf, int i, int to, int b0) {
        if (i + 3 >= to) {
            return false;
        }
        int b1 = buf.get(i + 1) & 0xFF;
        if (!isContinuation((byte) b1) || !isContinuation(buf.get(i + 2)) || !isContinuation(buf.get(i + 3))) {
            return false;
        }
        if (b0 == 0xF0 && b1 < 0x90) {
            return false; // overlong: below U+10000
        }
        return b0 != 0xF4 || b1 < 0x90; // F4 90 and above exceed U+10FFFF
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** The log text for a negative status of {@link #check}. */
    static String describe(int status) {
        return switch (status) {
            case NULL_CHARACTER -> "contains U+0000 (MQTT-1.5.4-2)";
            case SURROGATE -> "contains an encoded surrogate (MQTT-1.5.4-1)";
            default -> "ill-formed UTF-8 (MQTT-1.5.4-1)";
        };
    }

    /**
     * Validates and decodes in one call: the string of the {@code length} bytes at absolute
     * {@code from}, or null when they are not a valid MQTT UTF-8 string ({@link #check} then says
     * why). Pure ASCII in a heap buffer, the common case for topics and client ids, takes one
     * pass over the backing array followed by a Latin-1 (compact string) copy.
     */
    static String decodeChecked(ByteBuffer buf, int from, int length) {
        if (length == 0) {
            return "";
        }
        if (buf.hasArray()) {
            byte[] a = buf.array();
            int off = buf.arrayOffset() + from;
            int to = off + length;
            int i = off;
            // A signed byte <= 0 is either U+0000 or part of a multi-byte form: leave the fast path.
            while (i < to && a[i] > 0) {
                i++;
            }
            if (i == to) {
                return new String(a, off, length, StandardCharsets.ISO_8859_1);
            }
        }
        int status = check(buf, from, from + length);
        return status < 0 ? null : decode(buf, from, length, status == ASCII);
    }

    /** Builds the string of {@code length} already-validated bytes starting at absolute {@code from}. */
    static String decode(ByteBuffer buf, int from, int length, boolean ascii) {
        if (length == 0) {
            return "";
        }
        // ISO-8859-1 of ASCII bytes is a straight copy into a compact Latin-1 string.
        var charset = ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        if (buf.hasArray()) {
            return new String(buf.array(), buf.arrayOffset() + from, length, charset);
        }
        byte[] bytes = new byte[length]; // direct or read-only buffer: no array to decode from
        buf.get(from, bytes);
        return new String(bytes, charset);
    }
}
