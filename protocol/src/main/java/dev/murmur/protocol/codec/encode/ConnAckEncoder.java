package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import java.nio.ByteBuffer;

/**
 * CONNACK: acknowledge flags, reason code, v5 properties. For 3.1/3.1.1 the v5 reason code is
 * mapped to the six return codes of MQTT 3.1.1 section 3.2.2.3.
 */
final class ConnAckEncoder extends PacketEncoder<ConnAck> {
    /** v3 return codes (MQTT 3.1.1 table 3.1). */
    static final int ACCEPTED = 0;
    static final int UNACCEPTABLE_PROTOCOL_VERSION = 1;
    static final int IDENTIFIER_REJECTED = 2;
    static final int SERVER_UNAVAILABLE = 3;
    static final int BAD_USER_NAME_OR_PASSWORD = 4;
    static final int NOT_AUTHORIZED = 5;

    private static final int SESSION_PRESENT = 0x01;
    /** Acknowledge flags byte and reason (or return) code byte. */
    private static final int FIXED_FIELDS = 2;

    ConnAckEncoder() {
        super(ConnAck.class, PacketType.CONNACK);
    }

    @Override
    long bodySize(ConnAck ack, MqttVersion version, int omit) {
        if (!version.isV5()) {
            v3ReturnCode(ack.reasonCode());
            return FIXED_FIELDS;
        }
        return FIXED_FIELDS + PropertyWriter.sectionSize(ack.properties(), PacketType.CONNACK, omit);
    }

    @Override
    void write(ConnAck ack, MqttVersion version, int omit, ByteBuffer out) {
        // MQTT 3.1 has no session present flag: the whole byte is reserved there.
        boolean sessionPresent = ack.sessionPresent() && version != MqttVersion.V3_1;
        out.put((byte) (sessionPresent ? SESSION_PRESENT : 0));
        if (version.isV5()) {
            out.put((byte) ack.reasonCode().value());
            PropertyWriter.write(out, ack.properties(), PacketType.CONNACK, omit);
        } else {
            out.put((byte) v3ReturnCode(ack.reasonCode()));
        }
    }

    /**
     * The 3.1/3.1.1 return code for a v5 reason code. Failed authentication maps to 4, refused
     * authorisation to 5, and every other failure (the server cannot or will not serve this
     * client now) to 3 "server unavailable", the closest v3 meaning.
     */
    static int v3ReturnCode(ReasonCode code) {
        return switch (code) {
            case SUCCESS -> ACCEPTED;
            case UNSUPPORTED_PROTOCOL_VERSION -> UNACCEPTABLE_PROTOCOL_VERSION;
            case CLIENT_IDENTIFIER_NOT_VALID -> IDENTIFIER_REJECTED;
            case BAD_USER_NAME_OR_PASSWORD, BAD_AUTHENTICATION_METHOD -> BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED, BANNED -> NOT_AUTHORIZED;
            default -> {
                if (!code.isError()) {
                    throw new IllegalArgumentException("not a CONNACK reason code: " + code);
                }
                yield SERVER_UNAVAILABLE;
            }
        };
    }
}
