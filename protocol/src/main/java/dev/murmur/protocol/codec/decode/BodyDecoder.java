package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.DecodeResult;

/** Decodes the variable header and payload of one packet type; one implementation per type. */
@FunctionalInterface
interface BodyDecoder {

    /**
     * Decodes the whole body in {@code in} (exactly the remaining-length bytes). The fixed header
     * was checked already: type allowed in this direction and version, flags well-formed.
     *
     * @param flags      the low nibble of the fixed header's first byte
     * @param version    the connection's version; null only while decoding the first CONNECT
     * @param fromClient true when the packet travels client to server (a server-side decoder)
     * @return {@link DecodeResult.Decoded} or {@link DecodeResult.Failed}, never NeedMoreData
     */
    DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient);
}
