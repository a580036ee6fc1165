package dev.murmur.protocol.property;

import static dev.murmur.protocol.PacketType.AUTH;
import static dev.murmur.protocol.PacketType.CONNACK;
import static dev.murmur.protocol.PacketType.CONNECT;
import static dev.murmur.protocol.PacketType.DISCONNECT;
import static dev.murmur.protocol.PacketType.PUBACK;
import static dev.murmur.protocol.PacketType.PUBCOMP;
import static dev.murmur.protocol.PacketType.PUBLISH;
import static dev.murmur.protocol.PacketType.PUBREC;
import static dev.murmur.protocol.PacketType.PUBREL;
import static dev.murmur.protocol.PacketType.SUBACK;
import static dev.murmur.protocol.PacketType.SUBSCRIBE;
import static dev.murmur.protocol.PacketType.UNSUBACK;
import static dev.murmur.protocol.PacketType.UNSUBSCRIBE;
import static dev.murmur.protocol.property.PropertyType.BINARY_DATA;
import static dev.murmur.protocol.property.PropertyType.BYTE;
import static dev.murmur.protocol.property.PropertyType.FOUR_BYTE_INTEGER;
import static dev.murmur.protocol.property.PropertyType.TWO_BYTE_INTEGER;
import static dev.murmur.protocol.property.PropertyType.UTF8_STRING;
import static dev.murmur.protocol.property.PropertyType.UTF8_STRING_PAIR;
import static dev.murmur.protocol.property.PropertyType.VARIABLE_BYTE_INTEGER;

import dev.murmur.protocol.PacketType;
import java.util.EnumSet;
import java.util.Set;

/**
 * The 27 MQTT 5.0 property identifiers (section 2.2.2.2) with their type, the packets that may
 * carry them, whether the will properties may carry them, and whether they may repeat.
 */
public enum PropertyId {
    PAYLOAD_FORMAT_INDICATOR(0x01, BYTE, true, false, PUBLISH),
    MESSAGE_EXPIRY_INTERVAL(0x02, FOUR_BYTE_INTEGER, true, false, PUBLISH),
    CONTENT_TYPE(0x03, UTF8_STRING, true, false, PUBLISH),
    RESPONSE_TOPIC(0x08, UTF8_STRING, true, false, PUBLISH),
    CORRELATION_DATA(0x09, BINARY_DATA, true, false, PUBLISH),
    /** Repeats only in PUBLISH (server to client); SUBSCRIBE carries at most one. */
    SUBSCRIPTION_IDENTIFIER(0x0B, VARIABLE_BYTE_INTEGER, false, true, PUBLISH, SUBSCRIBE),
    SESSION_EXPIRY_INTERVAL(0x11, FOUR_BYTE_INTEGER, false, false, CONNECT, CONNACK, DISCONNECT),
    ASSIGNED_CLIENT_IDENTIFIER(0x12, UTF8_STRING, false, false, CONNACK),
    SERVER_KEEP_ALIVE(0x13, TWO_BYTE_INTEGER, false, false, CONNACK),
    AUTHENTICATION_METHOD(0x15, UTF8_STRING, false, false, CONNECT, CONNACK, AUTH),
    AUTHENTICATION_DATA(0x16, BINARY_DATA, false, false, CONNECT, CONNACK, AUTH),
    REQUEST_PROBLEM_INFORMATION(0x17, BYTE, false, false, CONNECT),
    WILL_DELAY_INTERVAL(0x18, FOUR_BYTE_INTEGER, true, false),
    REQUEST_RESPONSE_INFORMATION(0x19, BYTE, false, false, CONNECT),
    RESPONSE_INFORMATION(0x1A, UTF8_STRING, false, false, CONNACK),
    SERVER_REFERENCE(0x1C, UTF8_STRING, false, false, CONNACK, DISCONNECT),
    REASON_STRING(0x1F, UTF8_STRING, false, false,
            CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH),
    RECEIVE_MAXIMUM(0x21, TWO_BYTE_INTEGER, false, false, CONNECT, CONNACK),
    TOPIC_ALIAS_MAXIMUM(0x22, TWO_BYTE_INTEGER, false, false, CONNECT, CONNACK),
    TOPIC_ALIAS(0x23, TWO_BYTE_INTEGER, false, false, PUBLISH),
    MAXIMUM_QOS(0x24, BYTE, false, false, CONNACK),
    RETAIN_AVAILABLE(0x25, BYTE, false, false, CONNACK),
    USER_PROPERTY(0x26, UTF8_STRING_PAIR, true, true,
            CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP,
            SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH),
    MAXIMUM_PACKET_SIZE(0x27, FOUR_BYTE_INTEGER, false, false, CONNECT, CONNACK),
    WILDCARD_SUBSCRIPTION_AVAILABLE(0x28, BYTE, false, false, CONNACK),
    SUBSCRIPTION_IDENTIFIER_AVAILABLE(0x29, BYTE, false, false, CONNACK),
    SHARED_SUBSCRIPTION_AVAILABLE(0x2A, BYTE, false, false, CONNACK);

    private static final PropertyId[] BY_ID = new PropertyId[0x2B];

    static {
        for (PropertyId p : values()) {
            BY_ID[p.id] = p;
        }
    }

    private final int id;
    private final PropertyType type;
    private final boolean allowedInWill;
    private final boolean repeatable;
    private final Set<PacketType> packets;

    PropertyId(int id, PropertyType type, boolean allowedInWill, boolean repeatable, PacketType... packets) {
        this.id = id;
        this.type = type;
        this.allowedInWill = allowedInWill;
        this.repeatable = repeatable;
        this.packets = packets.length == 0 ? EnumSet.noneOf(PacketType.class) : EnumSet.of(packets[0], packets);
    }

    /** The identifier byte on the wire. */
    public int id() {
        return id;
    }

    /** The wire type of the value. */
    public PropertyType type() {
        return type;
    }

    /** Whether the will properties of CONNECT may carry it. */
    public boolean allowedInWill() {
        return allowedInWill;
    }

    /** Whether it may appear more than once (user properties; subscription ids in PUBLISH). */
    public boolean repeatable() {
        return repeatable;
    }

    /** Whether a packet of this type may carry it. */
    public boolean allowedIn(PacketType packetType) {
        return packets.contains(packetType);
    }

    /** The property for an identifier, or null when the identifier is not defined. */
    public static PropertyId ofId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
