package dev.murmur.load.verify;

import java.nio.ByteBuffer;

/**
 * The header every load-test payload starts with: publisher id, sequence number and send time,
 * padded with zeros to the configured payload size. The send time is {@link System#nanoTime()}
 * of the publishing JVM, so latency is exact only when publisher and subscriber share a JVM —
 * which they always do in this tool.
 */
public final class Payload {
    /** Marks our payloads so that foreign messages on the same topics are counted, not trusted. */
    public static final short MAGIC = 0x4D4C;
    /** magic (2) + qos (1) + publisher id (4) + sequence (8) + send nanos (8). */
    public static final int HEADER_SIZE = 2 + 1 + 4 + 8 + 8;

    private static final int QOS_OFFSET = 2;
    private static final int PUBLISHER_OFFSET = 3;
    private static final int SEQUENCE_OFFSET = 7;
    private static final int SEND_NANOS_OFFSET = 15;

    private Payload() {
    }

    /** A payload of {@code max(size, HEADER_SIZE)} bytes carrying the given header. */
    public static byte[] create(int size, int qos, int publisherId, long sequence, long sendNanos) {
        byte[] bytes = new byte[Math.max(size, HEADER_SIZE)];
        ByteBuffer.wrap(bytes).putShort(MAGIC).put((byte) qos).putInt(publisherId).putLong(sequence)
                .putLong(sendNanos);
        return bytes;
    }

    /** Whether {@code payload} is long enough and starts with our magic. */
    public static boolean isValid(byte[] payload) {
        return payload.length >= HEADER_SIZE && ByteBuffer.wrap(payload).getShort(0) == MAGIC
                && (payload[QOS_OFFSET] & 0xFF) <= 2;
    }

    /** The publishing QoS written by the publisher (the delivery may be downgraded). */
    public static int qos(byte[] payload) {
        return payload[QOS_OFFSET];
    }

    public static int publisherId(byte[] payload) {
        return ByteBuffer.wrap(payload).getInt(PUBLISHER_OFFSET);
    }

    public static long sequence(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(SEQUENCE_OFFSET);
    }

    public static long sendNanos(byte[] payload) {
        return ByteBuffer.wrap(payload).getLong(SEND_NANOS_OFFSET);
    }
}
