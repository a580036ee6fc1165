package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;

/**
 * DISCONNECT (MQTT 5.0 section 3.14, 3.1.1 section 3.14). In 3.1/3.1.1 it has no body and only
 * clients send it. In v5 a remaining length of 0 means Normal disconnection without properties
 * and 1 means a reason code without properties (3.14.2.1); a server must not send a Session
 * Expiry Interval (MQTT-3.14.2-2).
 */
final class DisconnectDecoder {
    private static final String PACKET = "DISCONNECT";
    /** The common case shares one result: a record holding only immutable values. */
    private static final DecodeResult NORMAL = new DecodeResult.Decoded(Disconnect.NORMAL);

    private DisconnectDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        if (!in.hasRemaining()) {
            return NORMAL;
        }
        if (!version.isV5()) {
            return in.fail(ReasonCode.MALFORMED_PACKET, "DISCONNECT: remaining length must be 0 (3.14.1)");
        }
        ReasonCode reasonCode = ReasonCodes.lookup(in, ReasonCodes.DISCONNECT, in.readByte("reason code"), PACKET);
        Properties properties = in.hasRemaining() ? PropertyReader.read(in, PacketType.DISCONNECT) : Properties.EMPTY;
        if (in.failIfTrailing(PACKET) != null) {
            return in.failure();
        }
        if (!fromClient && properties.has(PropertyId.SESSION_EXPIRY_INTERVAL)) {
            return in.fail(ReasonCode.PROTOCOL_ERROR, "DISCONNECT: session expiry sent by a server (MQTT-3.14.2-2)");
        }
        return new DecodeResult.Decoded(new Disconnect(reasonCode, properties));
    }
}
