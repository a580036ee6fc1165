package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.property.Properties;

/**
 * CONNACK (MQTT 5.0 section 3.2, 3.1.1 section 3.2), server to client. In 3.1/3.1.1 the return
 * codes 0-5 are mapped to the v5 names (1 → UNSUPPORTED_PROTOCOL_VERSION, 2 →
 * CLIENT_IDENTIFIER_NOT_VALID, 3 → SERVER_UNAVAILABLE, 4 → BAD_USER_NAME_OR_PASSWORD, 5 →
 * NOT_AUTHORIZED). MQTT 3.1 has no session present flag: its first byte is ignored.
 */
final class ConnAckDecoder {
    private static final String PACKET = "CONNACK";
    private static final int SESSION_PRESENT = 0x01;

    private ConnAckDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion version, boolean fromClient) {
        int ackFlags = in.readByte("connect acknowledge flags");
        int code = in.readByte("connect reason code");
        if (in.failed()) {
            return in.failure();
        }
        if (version == MqttVersion.V3_1) {
            ackFlags = 0; // MQTT 3.1 has no session present flag: the whole byte is reserved, unused
        } else if ((ackFlags & ~SESSION_PRESENT) != 0) {
            // v5 3.2.2.1 and 3.1.1 3.2.2.1: bits 7-1 are reserved and must be 0.
            return in.fail(ReasonCode.MALFORMED_PACKET, "CONNACK: reserved acknowledge flags set");
        }
        ReasonCode reasonCode = ReasonCodes.lookup(in, version.isV5() ? ReasonCodes.CONNACK : ReasonCodes.CONNACK_V3,
                code, PACKET);
        Properties properties = version.isV5() ? PropertyReader.read(in, PacketType.CONNACK) : Properties.EMPTY;
        if (in.failIfTrailing(PACKET) != null) {
            return in.failure();
        }
        boolean sessionPresent = (ackFlags & SESSION_PRESENT) != 0;
        if (sessionPresent && reasonCode != ReasonCode.SUCCESS) {
            // v5 MQTT-3.2.2-6, 3.1.1 MQTT-3.2.2-4: a refused connection has no session.
            return in.fail(ReasonCode.PROTOCOL_ERROR, "CONNACK: session present with an error code (MQTT-3.2.2-6)");
        }
        return new DecodeResult.Decoded(new ConnAck(sessionPresent, reasonCode, properties));
    }
}
