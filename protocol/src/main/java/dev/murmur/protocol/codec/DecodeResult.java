package dev.murmur.protocol.codec;

import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.MqttPacket;

/** Outcome of one decode step: a packet, a request for more bytes, or a typed failure. */
public sealed interface DecodeResult {

    /** A whole packet was decoded. */
    record Decoded(MqttPacket packet) implements DecodeResult {
    }

    /** The input ended inside a packet; what was read is kept for the next call. */
    enum NeedMoreData implements DecodeResult {
        INSTANCE
    }

    /**
     * The input is not acceptable. {@code reasonCode} is the v5 code to answer with
     * (0x81 malformed, 0x82 protocol error, 0x84 unsupported version, 0x95 too large, 0x8F/0x90
     * topic filter/name invalid, ...); {@code detail} is a short human-readable cause for logs.
     * After a failure the decoder refuses further input: the connection must be closed.
     */
    record Failed(ReasonCode reasonCode, String detail) implements DecodeResult {
    }
}
