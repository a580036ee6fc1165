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

    private MqttFrames() {
    }

    /**
     * The total length (fixed header included) of the packet starting at {@code buf.position()},
     * read without consuming, or one of the negative constants above. The size limit is checked
     * here, before any of the body is buffered.
     */
    public static long frameLength(ByteBuffer buf, int maxPacketSize) {
        throw new UnsupportedOperationException("TODO");
    }
}
