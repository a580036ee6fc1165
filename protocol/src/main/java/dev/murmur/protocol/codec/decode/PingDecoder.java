package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;

/**
 * PINGREQ and PINGRESP (MQTT 5.0 sections 3.12, 3.13): no variable header, no payload, so any
 * body byte is malformed. Each decodes to one shared result, so keep-alive traffic allocates
 * nothing here.
 */
final class PingDecoder {
    private static final DecodeResult PINGREQ = new DecodeResult.Decoded(PingReq.INSTANCE);
    private static final DecodeResult PINGRESP = new DecodeResult.Decoded(PingResp.INSTANCE);

    private PingDecoder() {
    }

    static DecodeResult decodeRequest(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        return in.failIfTrailing("PINGREQ") != null ? in.failure() : PINGREQ;
    }

    static DecodeResult decodeResponse(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        return in.failIfTrailing("PINGRESP") != null ? in.failure() : PINGRESP;
    }
}
