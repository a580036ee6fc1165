package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Big-endian reader over the body of one packet, bounded by an end index. Every read checks the
 * bytes left before it trusts a length. Instead of throwing, the first failure is recorded and
 * reads return a sentinel (-1, or null for objects), so a decoder tests {@link #failed()} at a few
 * points rather than after every field, and never pays for an exception on bad input.
 */
final class WireReader {
    /** The shared empty byte array: a zero-length array cannot be mutated, so sharing is safe. */
    static final byte[] NO_BYTES = new byte[0];

    private final ByteBuffer buf;
    private int pos;
    private int end;
    private DecodeResult.Failed failure;

    /** Reads {@code buf} from absolute index {@code from} (inclusive) to {@code to} (exclusive). */
    WireReader(ByteBuffer buf, int from, int to) {
        this.buf = buf;
        this.pos = from;
        this.end = to;
    }

    /** Bytes left before the current end index. */
    int remaining() {
        return end - pos;
    }

    boolean hasRemaining() {
        return pos < end;
    }

    boolean failed() {
        return failure != null;
    }

    /** The first failure recorded, or null. */
    DecodeResult.Failed failure() {
        return failure;
    }

    /** Records a failure (the first one wins) and returns it, for {@code return in.fail(...)}. */
    DecodeResult.Failed fail(ReasonCode code, String detail) {
        if (failure == null) {
            failure = new DecodeResult.Failed(code, detail);
        }
        return failure;
    }

    /** Fails with MALFORMED when bytes are left over after the last field (trailing garbage). */
    DecodeResult.Failed failIfTrailing(String packet) {
        if (failure == null && pos != end) {
            fail(ReasonCode.MALFORMED_PACKET, packet + ": " + (end - pos) + " unexpected trailing bytes");
        }
        return failure;
    }

    /**
     * A field's name for a failure message, joined from up to three parts. Decoders pass the parts
     * (e.g. "PUBLISH properties", a property id, "name") rather than a concatenated string, so the
     * name is only built when something fails: the success path allocates nothing for it.
     */
    private static String name(String a, Object b, Object c) {
        if (b == null) {
            return a;
        }
        return c == null ? a + " " + b : a + " " + b + " " + c;
    }

    private int truncated(String field, int needed) {
        fail(ReasonCode.MALFORMED_PACKET, field + ": needs " + needed + " bytes, " + (end - pos) + " left");
        return -1;
    }

    /** One unsigned byte, or -1. */
    int readByte(String field) {
        return readByte(field, null);
    }

    /** One unsigned byte, or -1; the field's name is {@code a b} (built on failure only). */
    int readByte(String a, Object b) {
        if (failure != null) {
            return -1;
        }
        if (pos >= end) {
            return truncated(name(a, b, null), 1);
        }
        return buf.get(pos++) & 0xFF;
    }

    /** A Two Byte Integer, or -1. */
    int readTwoByteInteger(String field) {
        return readTwoByteInteger(field, null, null, null);
    }

    /** A Two Byte Integer, or -1; the field's name is {@code a b}. */
    int readTwoByteInteger(String a, Object b) {
        return readTwoByteInteger(a, b, null, null);
    }

    /** The field's name is {@code a b c}, plus {@code suffix} (" length") when not null. */
    private int readTwoByteInteger(String a, Object b, Object c, String suffix) {
        if (failure != null) {
            return -1;
        }
        if (end - pos < 2) {
            String field = name(a, b, c);
            return truncated(suffix == null ? field : field + suffix, 2);
        }
        int v = ((buf.get(pos) & 0xFF) << 8) | (buf.get(pos + 1) & 0xFF);
        pos += 2;
        return v;
    }

    /** A Packet Identifier, which must not be 0 (MQTT-2.2.1-3, 3.1.1: MQTT-2.3.1-1), or -1. */
    int readPacketId() {
        int id = readTwoByteInteger("packet identifier");
        if (id == 0) {
            fail(ReasonCode.PROTOCOL_ERROR, "packet identifier 0 (MQTT-2.2.1-3)");
            return -1;
        }
        return id;
    }

    /** A Four Byte Integer as an unsigned value, or -1. */
    long readFourByteInteger(String field) {
        return readFourByteInteger(field, null);
    }

    /** A Four Byte Integer as an unsigned value, or -1; the field's name is {@code a b}. */
    long readFourByteInteger(String a, Object b) {
        if (failure != null) {
            return -1;
        }
        if (end - pos < 4) {
            return truncated(name(a, b, null), 4);
        }
        long v = ((long) (buf.get(pos) & 0xFF) << 24) | ((buf.get(pos + 1) & 0xFF) << 16)
                | ((buf.get(pos + 2) & 0xFF) << 8) | (buf.get(pos + 3) & 0xFF);
        pos += 4;
        return v;
    }

    /** A Variable Byte Integer of at most 4 bytes (MQTT 5.0 section 1.5.5), or -1. */
    int readVariableByteInteger(String field) {
        return readVariableByteInteger(field, null);
    }

    /** A Variable Byte Integer, or -1; the field's name is {@code a b}. */
    int readVariableByteInteger(String a, Object b) {
        if (failure != null) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            if (pos >= end) {
                return truncated(name(a, b, null), 1);
            }
            int b0 = buf.get(pos++) & 0xFF;
            value |= (b0 & 0x7F) << (7 * i);
            if ((b0 & 0x80) == 0) {
                return value;
            }
        }
        fail(ReasonCode.MALFORMED_PACKET, name(a, b, null) + ": variable byte integer longer than 4 bytes");
        return -1;
    }

    /** A UTF-8 Encoded String, validated (MQTT-1.5.4-1, MQTT-1.5.4-2), or null. */
    String readUtf8(String field) {
        return readUtf8(field, null, null);
    }

    /**
     * A UTF-8 Encoded String, validated (MQTT-1.5.4-1, MQTT-1.5.4-2), or null; the field's name
     * is {@code a b c} (null parts left out). Pure ASCII, the common case, is checked and copied
     * in one pass over the backing array of a heap buffer.
     */
    String readUtf8(String a, Object b, Object c) {
        int length = readTwoByteInteger(a, b, c, " length");
        if (length < 0) {
            return null;
        }
        if (length > end - pos) {
            truncated(name(a, b, c), length);
            return null;
        }
        String s = Utf8.decodeChecked(buf, pos, length);
        if (s == null) {
            fail(ReasonCode.MALFORMED_PACKET, name(a, b, c) + ": " + Utf8.describe(Utf8.check(buf, pos, pos + length)));
            return null;
        }
        pos += length;
        return s;
    }

    /** Binary Data with a two-byte length prefix, copied out, or null. */
    byte[] readBinary(String field) {
        return readBinary(field, null);
    }

    /** Binary Data, copied out, or null; the field's name is {@code a b}. */
    byte[] readBinary(String a, Object b) {
        int length = readTwoByteInteger(a, b, null, " length");
        if (length < 0) {
            return null;
        }
        if (length > end - pos) {
            truncated(name(a, b, null), length);
            return null;
        }
        return copy(length);
    }

    /** Everything up to the end index, copied once (the PUBLISH payload); never null unless failed. */
    byte[] readRest() {
        if (failure != null) {
            return null;
        }
        return copy(end - pos);
    }

    private byte[] copy(int length) {
        if (length == 0) {
            return NO_BYTES;
        }
        byte[] out;
        if (buf.hasArray()) {
            // Straight from the backing array: the JIT allocates without zeroing before an
            // arraycopy of the same length, so the payload is written exactly once.
            int from = buf.arrayOffset() + pos;
            out = Arrays.copyOfRange(buf.array(), from, from + length);
        } else {
            out = new byte[length];
            buf.get(pos, out);
        }
        pos += length;
        return out;
    }

    /**
     * Narrows the end index to the next {@code length} bytes (a length-prefixed section) and
     * returns the previous end for {@link #popLimit}, or -1 when the section overruns the packet.
     */
    int pushLimit(int length, String section) {
        if (failure != null) {
            return -1;
        }
        if (length > end - pos) {
            fail(ReasonCode.MALFORMED_PACKET, section + ": length " + length + " exceeds the "
                    + (end - pos) + " bytes left");
            return -1;
        }
        int previous = end;
        end = pos + length;
        return previous;
    }

    /** Restores the end index saved by {@link #pushLimit}, once the section is consumed exactly. */
    void popLimit(int previousEnd) {
        end = previousEnd;
    }
}
