package dev.murmur.protocol.codec;

import java.nio.ByteBuffer;

/** Framing by the fixed header's remaining length, for transports that split packets first. */
public final class MqttFrames {
    /** Result of {@link #frameLength}: the fixed header is not complete yet. */
    public static final long NEED_MORE = -1;
    /** Result of {@link #frameLength}: the remaining length uses more than 4 bytes (malformed). */
    public static final long MALFORMED_LENGTH = -2;
    /** Result of {@link #frameLength}: the packet is larger than the maximum packet size. */
    public static final long TOO_LARGE = -3;

    /** A Variable Byte Integer has at most 4 bytes (MQTT 5.0 section 1.5.5). */
    static final int MAX_LENGTH_BYTES = 4;

    private MqttFrames() {
    }

    /**
     * The total length (fixed header included) of the packet starting at {@code buf.position()},
     * read without consuming, or one of the negative constants above. The size limit is checked
     * here, before any of the body is buffered.
     */
    public static long frameLength(ByteBuffer buf, int maxPacketSize) {
        int start = buf.position();
        int limit = buf.limit();
        int value = 0;
        for (int i = 0; i < MAX_LENGTH_BYTES; i++) {
            int index = start + 1 + i;
            if (index >= limit) {
                return NEED_MORE;
            }
            int b = buf.get(index) & 0xFF;
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                long total = 1L + (i + 1) + value;
                return total > maxPacketSize ? TOO_LARGE : total;
            }
        }
        return MALFORMED_LENGTH;
    }
}
