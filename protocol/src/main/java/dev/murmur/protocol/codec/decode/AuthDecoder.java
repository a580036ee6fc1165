package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.property.Properties;

/**
 * AUTH (MQTT 5.0 section 3.15), both directions, v5 only (the fixed-header check refuses it
 * earlier in 3.1/3.1.1). A remaining length of 0 means Success without properties; 1 means a
 * reason code without properties (3.15.2.2.1).
 */
final class AuthDecoder {
    private static final String PACKET = "AUTH";
    private static final DecodeResult SUCCESS = new DecodeResult.Decoded(new Auth(ReasonCode.SUCCESS, Properties.EMPTY));

    private AuthDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        if (!in.hasRemaining()) {
            return SUCCESS;
        }
        ReasonCode reasonCode = ReasonCodes.lookup(in, ReasonCodes.AUTH, in.readByte("reason code"), PACKET);
        Properties properties = in.hasRemaining() ? PropertyReader.read(in, PacketType.AUTH) : Properties.EMPTY;
        if (in.failIfTrailing(PACKET) != null) {
            return in.failure();
        }
        return new DecodeResult.Decoded(new Auth(reasonCode, properties));
    }
}
