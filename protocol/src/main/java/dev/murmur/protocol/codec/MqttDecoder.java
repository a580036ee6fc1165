package dev.murmur.protocol.codec;

import dev.murmur.protocol.MqttVersion;
import java.nio.ByteBuffer;

/**
 * Streaming MQTT decoder for one connection. Not thread-safe. A server-side decoder learns the
 * protocol version from the CONNECT it decodes; a client-side decoder is told the version.
 */
public final class MqttDecoder {

    /** A decoder for the server side of a connection: the first packet must be CONNECT. */
    public static MqttDecoder forServer(int maxPacketSize) {
        throw new UnsupportedOperationException("TODO");
    }

    /** A decoder for the client side of a connection speaking {@code version}. */
    public static MqttDecoder forClient(MqttVersion version, int maxPacketSize) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Reads bytes of at most one packet from {@code in} (advancing its position) and returns the
     * packet, {@link DecodeResult.NeedMoreData} when {@code in} ran out first (partial bytes are
     * kept internally), or a failure. Call again while {@code in} has remaining bytes.
     */
    public DecodeResult decode(ByteBuffer in) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Decodes one whole packet whose exact bytes (fixed header included) are in {@code frame}. */
    public DecodeResult decodeFrame(ByteBuffer frame) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The protocol version in use, or null before CONNECT on a server-side decoder. */
    public MqttVersion version() {
        throw new UnsupportedOperationException("TODO");
    }
}
