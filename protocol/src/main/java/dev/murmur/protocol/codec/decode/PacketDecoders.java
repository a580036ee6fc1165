package dev.murmur.protocol.codec.decode;

import static dev.murmur.protocol.PacketType.AUTH;
import static dev.murmur.protocol.PacketType.CONNACK;
import static dev.murmur.protocol.PacketType.CONNECT;
import static dev.murmur.protocol.PacketType.DISCONNECT;
import static dev.murmur.protocol.PacketType.PINGREQ;
import static dev.murmur.protocol.PacketType.PINGRESP;
import static dev.murmur.protocol.PacketType.PUBACK;
import static dev.murmur.protocol.PacketType.PUBCOMP;
import static dev.murmur.protocol.PacketType.PUBLISH;
import static dev.murmur.protocol.PacketType.PUBREC;
import static dev.murmur.protocol.PacketType.PUBREL;
import static dev.murmur.protocol.PacketType.SUBACK;
import static dev.murmur.protocol.PacketType.SUBSCRIBE;
import static dev.murmur.protocol.PacketType.UNSUBACK;
import static dev.murmur.protocol.PacketType.UNSUBSCRIBE;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * Internal to the codec, not an API: the fixed-header checks and the table of per-type body
 * decoders behind {@link dev.murmur.protocol.codec.MqttDecoder}. Public only because the
 * streaming decoder lives in the parent package.
 */
public final class PacketDecoders {
    /** Packets a client may send (MQTT 5.0 section 2.1.2); AUTH only in v5, checked separately. */
    private static final Set<PacketType> FROM_CLIENT = EnumSet.of(CONNECT, PUBLISH, PUBACK, PUBREC, PUBREL,
            PUBCOMP, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT, AUTH);
    /** Packets a server may send; DISCONNECT only in v5, where servers gained it. */
    private static final Set<PacketType> FROM_SERVER = EnumSet.of(CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL,
            PUBCOMP, SUBACK, UNSUBACK, PINGRESP, DISCONNECT, AUTH);
    /** The flag bit MQTT 3.1 used as DUP on retransmitted PUBREL, SUBSCRIBE and UNSUBSCRIBE. */
    private static final int V31_DUP = 0x08;

    private static final BodyDecoder[] BY_TYPE = new BodyDecoder[16];

    static {
        BY_TYPE[CONNECT.value()] = ConnectDecoder::decode;
        BY_TYPE[CONNACK.value()] = ConnAckDecoder::decode;
        BY_TYPE[PUBLISH.value()] = PublishDecoder::decode;
        BY_TYPE[PUBACK.value()] = PublishAckDecoder.PUBACK;
        BY_TYPE[PUBREC.value()] = PublishAckDecoder.PUBREC;
        BY_TYPE[PUBREL.value()] = PublishAckDecoder.PUBREL;
        BY_TYPE[PUBCOMP.value()] = PublishAckDecoder.PUBCOMP;
        BY_TYPE[SUBSCRIBE.value()] = SubscribeDecoder::decode;
        BY_TYPE[SUBACK.value()] = SubAckDecoder::decode;
        BY_TYPE[UNSUBSCRIBE.value()] = UnsubscribeDecoder::decode;
        BY_TYPE[UNSUBACK.value()] = UnsubAckDecoder::decode;
        BY_TYPE[PINGREQ.value()] = PingDecoder::decodeRequest;
        BY_TYPE[PINGRESP.value()] = PingDecoder::decodeResponse;
        BY_TYPE[DISCONNECT.value()] = DisconnectDecoder::decode;
        BY_TYPE[AUTH.value()] = AuthDecoder::decode;
    }

    private PacketDecoders() {
    }

    /**
     * Checks the first byte of a fixed header, before the remaining length is read and any of the
     * body is buffered: a known type, allowed in this direction and version, in the right place
     * of the connection, with valid flag bits (MQTT-2.1.3-1). Returns null when acceptable.
     *
     * @param version     the connection's version, null before CONNECT on the server side
     * @param serverSide  true when decoding what a client sent
     * @param connectSeen whether a CONNECT was decoded already (server side)
     */
    public static DecodeResult.Failed checkFirstByte(int firstByte, MqttVersion version, boolean serverSide,
                                                     boolean connectSeen) {
        PacketType type = PacketType.ofValue(firstByte >>> 4);
        if (type == null) {
            return new DecodeResult.Failed(ReasonCode.MALFORMED_PACKET, "reserved packet type 0");
        }
        if (serverSide && !connectSeen && type != CONNECT) {
            return new DecodeResult.Failed(ReasonCode.PROTOCOL_ERROR, type + " before CONNECT (MQTT-3.1.0-1)");
        }
        if (serverSide && connectSeen && type == CONNECT) {
            return new DecodeResult.Failed(ReasonCode.PROTOCOL_ERROR, "second CONNECT (MQTT-3.1.0-2)");
        }
        if (type == AUTH && version != null && !version.isV5()) {
            // Type 15 is reserved before MQTT 5.0, like type 0.
            return new DecodeResult.Failed(ReasonCode.MALFORMED_PACKET, "AUTH (reserved packet type 15) in " + version);
        }
        boolean allowed = serverSide ? FROM_CLIENT.contains(type)
                : FROM_SERVER.contains(type) && (type != DISCONNECT || version.isV5());
        if (!allowed) {
            return new DecodeResult.Failed(ReasonCode.PROTOCOL_ERROR,
                    type + " must not be sent by a " + (serverSide ? "client" : "server"));
        }
        int flags = firstByte & 0x0F;
        if (type == PUBLISH) {
            String problem = PublishDecoder.checkFlags(flags);
            return problem == null ? null : new DecodeResult.Failed(ReasonCode.MALFORMED_PACKET, problem);
        }
        int required = type.requiredFlags();
        if (version == MqttVersion.V3_1 && required != 0) {
            // MQTT 3.1 set DUP on retransmitted QoS 1 control packets; later versions reserve it.
            flags &= ~V31_DUP;
        }
        if (flags != required) {
            return new DecodeResult.Failed(ReasonCode.MALFORMED_PACKET,
                    String.format("%s: fixed header flags 0x%X, must be 0x%X (MQTT-2.1.3-1)", type, flags, required));
        }
        return null;
    }

    /**
     * Decodes the body at absolute [from, to) of {@code buf} for a first byte that passed
     * {@link #checkFirstByte}. Reads {@code buf} with absolute gets only: its position is untouched.
     *
     * @param version    the connection's version, null for the first CONNECT on the server side
     * @param serverSide true when decoding what a client sent
     */
    public static DecodeResult decodeBody(int firstByte, ByteBuffer buf, int from, int to, MqttVersion version,
                                          boolean serverSide) {
        BodyDecoder decoder = BY_TYPE[firstByte >>> 4];
        return decoder.decode(new WireReader(buf, from, to), firstByte & 0x0F, version, serverSide);
    }

    /** The protocol level byte of a CONNECT body at [from, to), or -1 when it ends first. */
    public static int connectProtocolLevel(ByteBuffer buf, int from, int to) {
        return ConnectDecoder.protocolLevel(buf, from, to);
    }
}
