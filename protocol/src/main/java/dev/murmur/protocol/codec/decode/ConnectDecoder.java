package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import java.nio.ByteBuffer;

/**
 * CONNECT (MQTT 5.0 section 3.1, 3.1.1 section 3.1, 3.1 "MQIsdp"). The protocol name and level
 * choose the version, which the server-side decoder then keeps for the connection.
 *
 * <p>Protocol name and level: "MQTT" with level 4 or 5, or "MQIsdp" with level 3. A known name
 * with any other level is Unsupported Protocol Version (MQTT-3.1.2-2: the node answers CONNACK
 * 0x01 in v3 or 0x84 in v5). Any other name is Malformed Packet: the spec lets the server just
 * close the connection (MQTT-3.1.2-1), and no CONNACK format is known to be understood.
 */
final class ConnectDecoder {
    private static final String PACKET = "CONNECT";

    private static final int RESERVED = 0x01;
    private static final int CLEAN_START = 0x02;
    private static final int WILL_FLAG = 0x04;
    private static final int WILL_QOS_SHIFT = 3;
    private static final int WILL_QOS_MASK = 0x18;
    private static final int WILL_RETAIN = 0x20;
    private static final int PASSWORD = 0x40;
    private static final int USERNAME = 0x80;

    private ConnectDecoder() {
    }

    static DecodeResult decode(WireReader in, int flags, MqttVersion unused, boolean fromClient) {
        String protocolName = in.readUtf8("protocol name");
        int level = in.readByte("protocol level");
        if (in.failed()) {
            return in.failure();
        }
        MqttVersion version = versionOf(protocolName, level);
        if (version == null) {
            return knownName(protocolName)
                    ? in.fail(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                            "CONNECT: protocol level " + level + " with name " + protocolName + " (MQTT-3.1.2-2)")
                    : in.fail(ReasonCode.MALFORMED_PACKET, "CONNECT: unknown protocol name (MQTT-3.1.2-1)");
        }
        int connectFlags = in.readByte("connect flags");
        int keepAlive = in.readTwoByteInteger("keep alive");
        if (in.failed()) {
            return in.failure();
        }
        DecodeResult.Failed flagError = checkFlags(in, connectFlags, version);
        if (flagError != null) {
            return flagError;
        }
        Properties properties = version.isV5() ? PropertyReader.read(in, PacketType.CONNECT) : Properties.EMPTY;
        if (properties != null && properties.has(PropertyId.AUTHENTICATION_DATA)
                && !properties.has(PropertyId.AUTHENTICATION_METHOD)) {
            return in.fail(ReasonCode.PROTOCOL_ERROR, "CONNECT: authentication data without a method (3.1.2.11.10)");
        }
        String clientId = in.readUtf8("client identifier");
        Will will = null;
        if ((connectFlags & WILL_FLAG) != 0) {
            will = readWill(in, connectFlags, version);
        }
        String username = (connectFlags & USERNAME) != 0 ? in.readUtf8("user name") : null;
        byte[] password = (connectFlags & PASSWORD) != 0 ? in.readBinary("password") : null;
        if (in.failIfTrailing(PACKET) != null) {
            return in.failure();
        }
        // Checked once the structure is known sound, so a truncated packet reports Malformed.
        if (will != null && !TopicRules.isValidName(will.topic())) {
            return in.fail(ReasonCode.TOPIC_NAME_INVALID, "CONNECT: will topic is not a valid topic name");
        }
        return new DecodeResult.Decoded(new Connect(version, clientId, (connectFlags & CLEAN_START) != 0,
                keepAlive, username, password, will, properties));
    }

    private static MqttVersion versionOf(String protocolName, int level) {
        MqttVersion version = MqttVersion.ofLevel(level);
        return version != null && version.protocolName().equals(protocolName) ? version : null;
    }

    private static boolean knownName(String protocolName) {
        return MqttVersion.V3_1.protocolName().equals(protocolName)
                || MqttVersion.V3_1_1.protocolName().equals(protocolName);
    }

    private static DecodeResult.Failed checkFlags(WireReader in, int flags, MqttVersion version) {
        if ((flags & RESERVED) != 0) {
            return in.fail(ReasonCode.MALFORMED_PACKET, "CONNECT: reserved flag set (MQTT-3.1.2-3)");
        }
        int willQos = (flags & WILL_QOS_MASK) >> WILL_QOS_SHIFT;
        if ((flags & WILL_FLAG) == 0) {
            // v5 MQTT-3.1.2-11 / -13; 3.1.1 MQTT-3.1.2-11 / -13 / -15.
            if (willQos != 0 || (flags & WILL_RETAIN) != 0) {
                return in.fail(ReasonCode.MALFORMED_PACKET,
                        "CONNECT: will QoS or retain set without the will flag (MQTT-3.1.2-11, -13)");
            }
        } else if (willQos == 3) {
            // v5 MQTT-3.1.2-12; 3.1.1 MQTT-3.1.2-14.
            return in.fail(ReasonCode.MALFORMED_PACKET, "CONNECT: will QoS 3 (MQTT-3.1.2-12)");
        }
        if (!version.isV5() && (flags & PASSWORD) != 0 && (flags & USERNAME) == 0) {
            // 3.1.1 MQTT-3.1.2-22; MQTT 5.0 allows a password without a user name.
            return in.fail(ReasonCode.MALFORMED_PACKET, "CONNECT: password without user name (MQTT-3.1.2-22)");
        }
        return null;
    }

    private static Will readWill(WireReader in, int flags, MqttVersion version) {
        Properties willProperties = version.isV5() ? PropertyReader.readWill(in) : Properties.EMPTY;
        String topic = in.readUtf8("will topic");
        byte[] payload = in.readBinary("will payload");
        if (in.failed()) {
            return null;
        }
        QoS qos = QoS.ofValue((flags & WILL_QOS_MASK) >> WILL_QOS_SHIFT);
        return new Will(topic, payload, qos, (flags & WILL_RETAIN) != 0, willProperties);
    }

    /**
     * The protocol level byte of a CONNECT body at absolute [from, to) of {@code body}, or -1 when
     * the packet ends first. Lets the node pick a CONNACK format even when the CONNECT failed.
     */
    static int protocolLevel(ByteBuffer body, int from, int to) {
        if (to - from < 2) {
            return -1;
        }
        int nameLength = ((body.get(from) & 0xFF) << 8) | (body.get(from + 1) & 0xFF);
        int levelIndex = from + 2 + nameLength;
        return levelIndex < to ? body.get(levelIndex) & 0xFF : -1;
    }
}
