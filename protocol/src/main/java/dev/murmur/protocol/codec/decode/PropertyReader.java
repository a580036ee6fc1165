package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;

/**
 * Reads an MQTT 5.0 property section (section 2.2.2): the property length, then properties until
 * exactly that many bytes are consumed. Every read is bounded by the section's end index, so a
 * value running past it is malformed rather than silently borrowing bytes from the payload.
 *
 * <p>Rules checked here, the same for every packet: unknown identifier → Malformed Packet;
 * property not allowed in the packet (or in the will properties) → Protocol Error; a second
 * instance of a single-valued property → Protocol Error (Subscription Identifier repeats only in
 * PUBLISH); value ranges of section 3 → Protocol Error.
 */
final class PropertyReader {
    private static final String WILL_SECTION = "will properties";
    /** "CONNECT properties", ... by packet type ordinal: built once, not per packet. */
    private static final String[] SECTIONS = new String[PacketType.values().length];

    static {
        for (PacketType t : PacketType.values()) {
            SECTIONS[t.ordinal()] = t + " properties";
        }
    }

    private PropertyReader() {
    }

    /** The properties of a {@code type} packet, or null after recording a failure. */
    static Properties read(WireReader in, PacketType type) {
        return read(in, type, false);
    }

    /** The will properties of a CONNECT (section 3.1.3.2), or null after recording a failure. */
    static Properties readWill(WireReader in) {
        return read(in, PacketType.CONNECT, true);
    }

    private static Properties read(WireReader in, PacketType type, boolean will) {
        // Failure texts are built from these parts only when a read fails (no allocation otherwise).
        String section = will ? WILL_SECTION : SECTIONS[type.ordinal()];
        int length = in.readVariableByteInteger(section, "length");
        if (length <= 0) {
            return length == 0 ? Properties.EMPTY : null;
        }
        int outerEnd = in.pushLimit(length, section);
        if (outerEnd < 0) {
            return null;
        }
        Properties.Builder props = Properties.builder();
        int subscriptionIds = 0;
        while (in.hasRemaining()) {
            int idValue = in.readVariableByteInteger(section, "identifier");
            if (idValue < 0) {
                return null;
            }
            PropertyId id = PropertyId.ofId(idValue);
            if (id == null) {
                in.fail(ReasonCode.MALFORMED_PACKET, String.format("%s: unknown property 0x%02X", section, idValue));
                return null;
            }
            if (will ? !id.allowedInWill() : !id.allowedIn(type)) {
                in.fail(ReasonCode.PROTOCOL_ERROR, section + ": " + id + " not allowed");
                return null;
            }
            if (id == PropertyId.SUBSCRIPTION_IDENTIFIER) {
                subscriptionIds++;
                if (subscriptionIds > 1 && type != PacketType.PUBLISH) {
                    in.fail(ReasonCode.PROTOCOL_ERROR, section + ": more than one SUBSCRIPTION_IDENTIFIER");
                    return null;
                }
            } else if (id != PropertyId.USER_PROPERTY && props.has(id)) {
                in.fail(ReasonCode.PROTOCOL_ERROR, section + ": " + id + " appears twice");
                return null;
            }
            if (!readValue(in, id, props, section)) {
                return null;
            }
        }
        in.popLimit(outerEnd);
        return props.build();
    }

    private static boolean readValue(WireReader in, PropertyId id, Properties.Builder props, String section) {
        switch (id.type()) {
            case BYTE -> {
                int v = in.readByte(section, id);
                // Every byte-valued property of MQTT 5.0 is a 0/1 flag (Maximum QoS included: 0 or 1).
                if (v > 1) {
                    return outOfRange(in, section, id, v);
                }
                props.put(id, v);
            }
            case TWO_BYTE_INTEGER -> {
                int v = in.readTwoByteInteger(section, id);
                // Receive Maximum 0 (3.1.2.11.3, 3.2.2.3.3) and Topic Alias 0 (MQTT-3.3.2-8) are errors.
                if (v == 0 && (id == PropertyId.RECEIVE_MAXIMUM || id == PropertyId.TOPIC_ALIAS)) {
                    return outOfRange(in, section, id, v);
                }
                props.put(id, v);
            }
            case FOUR_BYTE_INTEGER -> {
                long v = in.readFourByteInteger(section, id);
                if (v == 0 && id == PropertyId.MAXIMUM_PACKET_SIZE) { // 3.1.2.11.4, 3.2.2.3.6
                    return outOfRange(in, section, id, v);
                }
                props.put(id, v);
            }
            case VARIABLE_BYTE_INTEGER -> { // only Subscription Identifier: 1..268,435,455
                int v = in.readVariableByteInteger(section, id);
                if (v == 0) {
                    return outOfRange(in, section, id, v);
                }
                if (v > 0) {
                    props.subscriptionIdentifier(v);
                }
            }
            case UTF8_STRING -> {
                String v = in.readUtf8(section, id, null);
                // The Response Topic is a topic name, so wildcards are not allowed (MQTT-3.3.2-14).
                if (v != null && id == PropertyId.RESPONSE_TOPIC && !TopicRules.isValidName(v)) {
                    in.fail(ReasonCode.PROTOCOL_ERROR, section + " " + id + ": not a valid topic name (MQTT-3.3.2-14)");
                    return false;
                }
                props.put(id, v);
            }
            case BINARY_DATA -> props.put(id, in.readBinary(section, id));
            case UTF8_STRING_PAIR -> {
                String name = in.readUtf8(section, id, "name");
                String value = in.readUtf8(section, id, "value");
                if (value != null) {
                    props.userProperty(name, value);
                }
            }
            default -> throw new IllegalStateException("unhandled property type " + id.type());
        }
        return !in.failed();
    }

    private static boolean outOfRange(WireReader in, String section, PropertyId id, long value) {
        in.fail(ReasonCode.PROTOCOL_ERROR, section + " " + id + ": value " + value + " out of range");
        return false;
    }
}
