package dev.murmur.protocol.codec;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.decode.PacketDecoders;
import dev.murmur.protocol.packet.Connect;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Streaming MQTT decoder for one connection. Not thread-safe. A server-side decoder learns the
 * protocol version from the CONNECT it decodes; a client-side decoder is told the version.
 *
 * <p>How it reads: the first byte of a fixed header is checked at once (type, direction, flags,
 * CONNECT first and only once); the remaining length is checked against the maximum packet size
 * as soon as its last byte arrives, before any of the body is buffered. A body that is wholly in
 * the input is decoded in place from an exact-length view of it; otherwise it is copied into a
 * buffer that grows with the bytes received, up to the packet's size (so memory stays bounded by
 * the bytes actually sent and by the maximum packet size). Decoded
 * packets never refer to the input: strings, binary data and the PUBLISH payload are copied.
 *
 * <p>Choices where the spec leaves room, all reported as {@link DecodeResult.Failed} codes:
 * <ul>
 *   <li>UTF-8 strings: ill-formed sequences, surrogates and U+0000 are Malformed Packet
 *       (MQTT-1.5.4-1, -2); control characters U+0001..U+001F, U+007F..U+009F and
 *       non-characters are accepted (the spec says senders "should not" use them).</li>
 *   <li>CONNECT: protocol name "MQTT" with level 4/5 or "MQIsdp" with level 3; a known name
 *       with another level is UNSUPPORTED_PROTOCOL_VERSION, an unknown name MALFORMED_PACKET.
 *       {@link #connectProtocolLevel()} tells the node which level a failed CONNECT announced.</li>
 *   <li>A packet type the peer's role may not send (CONNACK to a server, DISCONNECT from a 3.1.1
 *       server) is PROTOCOL_ERROR; AUTH before v5 is a reserved type, so MALFORMED_PACKET.</li>
 *   <li>Packet identifier 0 where one is required is PROTOCOL_ERROR (MQTT-2.2.1-3).</li>
 *   <li>MQTT 3.1 peers may set the DUP bit on PUBREL, SUBSCRIBE and UNSUBSCRIBE; it is ignored
 *       for 3.1 only.</li>
 *   <li>Non-minimal Variable Byte Integers (e.g. 0x80 0x00) are accepted, as most brokers do;
 *       more than 4 bytes is MALFORMED_PACKET.</li>
 * </ul>
 * After a failure the decoder stays failed: every later call discards its input and returns the
 * same failure, so a caller looping while input remains cannot spin.
 */
public final class MqttDecoder {
    /**
     * A partial-body buffer at most this large is kept for the next packet; larger ones are
     * dropped after use so an idle connection does not pin the memory of its largest packet.
     */
    private static final int RETAINED_BUFFER_BYTES = 512;
    /** First size of a partial-body buffer; it doubles as bytes arrive (see ensureCapacity). */
    private static final int INITIAL_BUFFER_BYTES = 256;
    private static final int TYPE_SHIFT = 4;

    private final boolean serverSide;
    private final int maxPacketSize;
    private MqttVersion version;
    private boolean connectSeen;
    private int connectProtocolLevel = -1;
    private DecodeResult.Failed failure;

    // Fixed header in progress: firstByte < 0 means none started.
    private int firstByte = -1;
    private int remainingLength;
    private int lengthBytes;
    private boolean headerComplete;

    // Body in progress, when it did not arrive in one piece.
    private byte[] body;
    private int bodyFill;

    private MqttDecoder(boolean serverSide, MqttVersion version, int maxPacketSize) {
        if (maxPacketSize < 2) {
            throw new IllegalArgumentException("maxPacketSize must be at least 2, was " + maxPacketSize);
        }
        this.serverSide = serverSide;
        this.version = version;
        this.maxPacketSize = maxPacketSize;
    }

    /** A decoder for the server side of a connection: the first packet must be CONNECT. */
    public static MqttDecoder forServer(int maxPacketSize) {
        return new MqttDecoder(true, null, maxPacketSize);
    }

    /** A decoder for the client side of a connection speaking {@code version}. */
    public static MqttDecoder forClient(MqttVersion version, int maxPacketSize) {
        return new MqttDecoder(false, Objects.requireNonNull(version, "version"), maxPacketSize);
    }

    /**
     * Reads bytes of at most one packet from {@code in} (advancing its position) and returns the
     * packet, {@link DecodeResult.NeedMoreData} when {@code in} ran out first (partial bytes are
     * kept internally), or a failure. Call again while {@code in} has remaining bytes.
     */
    public DecodeResult decode(ByteBuffer in) {
        if (failure != null) {
            in.position(in.limit());
            return failure;
        }
        try {
            return step(in);
        } catch (RuntimeException e) {
            // Last-resort guard: a decoder bug must not escape into the connection as an exception.
            return fail(ReasonCode.MALFORMED_PACKET, "decoder error: " + e.getClass().getSimpleName());
        }
    }

    private DecodeResult step(ByteBuffer in) {
        if (!headerComplete) {
            DecodeResult pending = readFixedHeader(in);
            if (pending != null) {
                return pending;
            }
        }
        int length = remainingLength;
        int fb = firstByte;
        if (bodyFill == 0 && in.remaining() >= length) {
            // The whole body is here: decode it in place, no copy.
            int from = in.position();
            in.position(from + length);
            resetHeader();
            return finish(fb, in, from, from + length);
        }
        int take = Math.min(length - bodyFill, in.remaining());
        if (take == 0) {
            return DecodeResult.NeedMoreData.INSTANCE; // header just completed: no buffer until body bytes come
        }
        ensureCapacity(bodyFill + take, length);
        in.get(body, bodyFill, take);
        bodyFill += take;
        if (bodyFill < length) {
            return DecodeResult.NeedMoreData.INSTANCE;
        }
        ByteBuffer complete = ByteBuffer.wrap(body, 0, length);
        if (body.length > RETAINED_BUFFER_BYTES) {
            body = null; // the wrapper keeps it alive for this one decode
        }
        resetHeader();
        bodyFill = 0;
        return finish(fb, complete, 0, length);
    }

    /**
     * Grows the body buffer to hold {@code needed} bytes, doubling but never beyond the announced
     * {@code length}: memory follows the bytes actually received, so a peer that announces a large
     * packet and then trickles bytes cannot make every connection hold the maximum packet size.
     */
    private void ensureCapacity(int needed, int length) {
        if (body != null && body.length >= needed) {
            return;
        }
        int grown = body == null ? INITIAL_BUFFER_BYTES : body.length * 2;
        int capacity = Math.min(length, Math.max(needed, grown));
        body = body == null || bodyFill == 0 ? new byte[capacity] : Arrays.copyOf(body, capacity);
    }

    /** Reads fixed-header bytes; null once it is complete and acceptable, else a result to return. */
    private DecodeResult readFixedHeader(ByteBuffer in) {
        while (in.hasRemaining()) {
            int b = in.get() & 0xFF;
            if (firstByte < 0) {
                DecodeResult.Failed rejected = PacketDecoders.checkFirstByte(b, version, serverSide, connectSeen);
                if (rejected != null) {
                    return fail(rejected);
                }
                firstByte = b;
                continue;
            }
            remainingLength |= (b & 0x7F) << (7 * lengthBytes);
            lengthBytes++;
            if ((b & 0x80) == 0) {
                long total = 1L + lengthBytes + remainingLength;
                if (total > maxPacketSize) {
                    return fail(ReasonCode.PACKET_TOO_LARGE, tooLarge(total));
                }
                headerComplete = true;
                return null;
            }
            if (lengthBytes == MqttFrames.MAX_LENGTH_BYTES) {
                return fail(ReasonCode.MALFORMED_PACKET, "remaining length longer than 4 bytes");
            }
        }
        return DecodeResult.NeedMoreData.INSTANCE;
    }

    private void resetHeader() {
        firstByte = -1;
        remainingLength = 0;
        lengthBytes = 0;
        headerComplete = false;
    }

    /**
     * Decodes one whole packet whose exact bytes (fixed header included) are in {@code frame}, for
     * transports that frame with {@link MqttFrames#frameLength} first. The frame is consumed
     * (position set to its limit). Use either this or {@link #decode} on one connection: a partial
     * packet held by {@code decode} is not combined with a frame.
     */
    public DecodeResult decodeFrame(ByteBuffer frame) {
        if (failure != null) {
            frame.position(frame.limit());
            return failure;
        }
        try {
            return frame(frame);
        } catch (RuntimeException e) {
            return fail(ReasonCode.MALFORMED_PACKET, "decoder error: " + e.getClass().getSimpleName());
        } finally {
            frame.position(frame.limit());
        }
    }

    private DecodeResult frame(ByteBuffer frame) {
        int start = frame.position();
        int limit = frame.limit();
        if (limit - start < 2) {
            return fail(ReasonCode.MALFORMED_PACKET, "frame shorter than a fixed header");
        }
        int fb = frame.get(start) & 0xFF;
        DecodeResult.Failed rejected = PacketDecoders.checkFirstByte(fb, version, serverSide, connectSeen);
        if (rejected != null) {
            return fail(rejected);
        }
        long total = MqttFrames.frameLength(frame, maxPacketSize);
        if (total == MqttFrames.TOO_LARGE) {
            return fail(ReasonCode.PACKET_TOO_LARGE, "packet larger than the maximum of " + maxPacketSize);
        }
        if (total < 0) {
            return fail(ReasonCode.MALFORMED_PACKET,
                    total == MqttFrames.NEED_MORE ? "frame ends inside the remaining length" : "remaining length "
                            + "longer than 4 bytes");
        }
        if (total != limit - start) {
            return fail(ReasonCode.MALFORMED_PACKET, "frame of " + (limit - start)
                    + " bytes, fixed header announces " + total);
        }
        int headerLength = 1;
        while ((frame.get(start + headerLength) & 0x80) != 0) {
            headerLength++;
        }
        return finish(fb, frame, start + headerLength + 1, limit);
    }

    /** Decodes a body and updates the connection state the packet implies. */
    private DecodeResult finish(int fb, ByteBuffer buf, int from, int to) {
        DecodeResult result = PacketDecoders.decodeBody(fb, buf, from, to, version, serverSide);
        boolean isConnect = fb >>> TYPE_SHIFT == PacketType.CONNECT.value();
        if (result instanceof DecodeResult.Failed failed) {
            if (isConnect) {
                connectProtocolLevel = PacketDecoders.connectProtocolLevel(buf, from, to);
            }
            return fail(failed);
        }
        if (isConnect && result instanceof DecodeResult.Decoded decoded && decoded.packet() instanceof Connect c) {
            version = c.version();
            connectSeen = true;
            connectProtocolLevel = c.version().level();
        }
        return result;
    }

    private DecodeResult.Failed fail(ReasonCode code, String detail) {
        return fail(new DecodeResult.Failed(code, detail));
    }

    private DecodeResult.Failed fail(DecodeResult.Failed failed) {
        failure = failed;
        body = null;
        bodyFill = 0;
        return failed;
    }

    private String tooLarge(long total) {
        return "packet of " + total + " bytes exceeds the maximum of " + maxPacketSize;
    }

    /** The protocol version in use, or null before CONNECT on a server-side decoder. */
    public MqttVersion version() {
        return version;
    }

    /**
     * The protocol level byte of the CONNECT this server-side decoder read, even when that CONNECT
     * failed (so the node can answer CONNACK in the client's format); -1 before a CONNECT or when
     * the packet ended before its level byte.
     */
    public int connectProtocolLevel() {
        return connectProtocolLevel;
    }

    /** Bytes of an incomplete packet body held for the next call (0 between packets). */
    public int bufferedBytes() {
        return bodyFill;
    }

    /** The capacity of the partial-body buffer (tests check it follows the bytes received). */
    int bufferCapacity() {
        return body == null ? 0 : body.length;
    }

    /** The failure this decoder stopped at, or null while it is healthy. */
    public DecodeResult.Failed failure() {
        return failure;
    }
}
