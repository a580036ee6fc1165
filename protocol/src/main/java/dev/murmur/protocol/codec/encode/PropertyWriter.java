package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import dev.murmur.protocol.property.UserProperty;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sizes and writes an MQTT 5.0 property section (MQTT 5.0 section 2.2.2): the property length
 * as a variable byte integer, then the properties in ascending identifier order, user
 * properties in their given order and subscription identifiers as repeated variable byte
 * integers. Sizing checks that each property may appear in the packet and that its value fits
 * its wire type, so a write that follows a successful sizing cannot fail.
 */
final class PropertyWriter {
    /** Omission mask: write everything. */
    static final int KEEP_ALL = 0;
    /** Omission mask bit: leave out the Reason String (e.g. MQTT-3.2.2-19, MQTT-3.4.2-2). */
    static final int OMIT_REASON_STRING = 1;
    /** Omission mask bit: leave out the User Properties (e.g. MQTT-3.2.2-20, MQTT-3.4.2-3). */
    static final int OMIT_USER_PROPERTIES = 2;

    /** Declaration order of the enum is ascending identifier order: the fixed write order. */
    private static final PropertyId[] ORDER = PropertyId.values();
    private static final int MAX_BYTE = 0xFF;
    private static final int MAX_TWO_BYTE = 0xFFFF;
    private static final long MAX_FOUR_BYTE = 0xFFFF_FFFFL;

    private PropertyWriter() {
    }

    /** Size of the whole section of a packet's properties: length prefix plus content. */
    static int sectionSize(Properties props, PacketType type, int omit) {
        return sectionSize(contentLength(props, type, omit));
    }

    /** Size of the whole will-properties section of a CONNECT payload. */
    static int willSectionSize(Properties props) {
        return sectionSize(willContentLength(props));
    }

    /** Writes the section of a packet's properties, length prefix included. */
    static void write(ByteBuffer out, Properties props, PacketType type, int omit) {
        writeSection(out, props, contentLength(props, type, omit), omit);
    }

    /** Writes the will-properties section, length prefix included. */
    static void writeWill(ByteBuffer out, Properties props) {
        writeSection(out, props, willContentLength(props), KEEP_ALL);
    }

    /**
     * The content length of a packet's property section (without its own length prefix), with
     * the omitted properties left out. Throws when a property is not defined for {@code type}
     * or its value does not fit its wire type.
     */
    static int contentLength(Properties props, PacketType type, int omit) {
        return length(props, type, false, omit);
    }

    /** The content length of the will-properties section of a CONNECT payload. */
    static int willContentLength(Properties props) {
        return length(props, PacketType.CONNECT, true, KEEP_ALL);
    }

    /** The size of a whole section: the length prefix plus {@code contentLength}. */
    static int sectionSize(int contentLength) {
        return WireWriter.vbiSize(contentLength) + contentLength;
    }

    /**
     * The content length of a section whose whole size (length prefix included) is
     * {@code sectionSize}: the c with c + vbiSize(c) == sectionSize. Lets a writer that knows
     * the packet's remaining length skip sizing the properties a second time.
     */
    static int contentLengthOfSection(int sectionSize) {
        for (int prefix = 1; prefix <= 4; prefix++) {
            int content = sectionSize - prefix;
            if (content >= 0 && WireWriter.vbiSize(content) == prefix) {
                return content;
            }
        }
        throw new IllegalStateException("no property length fits a section of " + sectionSize + " bytes");
    }

    /** Writes a section, length prefix first; {@code contentLength} comes from the same omission. */
    static void writeSection(ByteBuffer out, Properties props, int contentLength, int omit) {
        WireWriter.writeVbi(out, contentLength);
        writeContent(out, props, omit);
    }

    private static int length(Properties props, PacketType type, boolean will, int omit) {
        if (props == null || props.isEmpty()) {
            return 0;
        }
        long length = 0;
        // Only the present properties, in ascending identifier (= ordinal) order.
        for (int mask = present(props, omit); mask != 0; mask &= mask - 1) {
            PropertyId id = ORDER[Integer.numberOfTrailingZeros(mask)];
            if (!(will ? id.allowedInWill() : id.allowedIn(type))) {
                throw new IllegalArgumentException(id + " is not allowed in " + (will ? "will properties" : type));
            }
            length += switch (id) {
                case USER_PROPERTY -> userPropertiesLength(props.userProperties());
                case SUBSCRIPTION_IDENTIFIER -> subscriptionIdsLength(props.subscriptionIdentifiers());
                default -> 1 + valueSize(id, props.get(id));
            };
        }
        if (length > WireWriter.MAX_VARIABLE_BYTE_INTEGER) {
            throw new IllegalArgumentException("property section of " + length + " bytes is too large");
        }
        return (int) length;
    }

    /** The present-property bits of {@code props} minus the omitted ones. */
    private static int present(Properties props, int omit) {
        int mask = props.presentMask();
        if ((omit & OMIT_REASON_STRING) != 0) {
            mask &= ~(1 << PropertyId.REASON_STRING.ordinal());
        }
        if ((omit & OMIT_USER_PROPERTIES) != 0) {
            mask &= ~(1 << PropertyId.USER_PROPERTY.ordinal());
        }
        return mask;
    }

    private static long userPropertiesLength(List<UserProperty> list) {
        long length = 0;
        for (int i = 0, n = list.size(); i < n; i++) {
            UserProperty p = list.get(i);
            length += 1 + WireWriter.utf8Size(p.name()) + WireWriter.utf8Size(p.value());
        }
        return length;
    }

    private static long subscriptionIdsLength(List<Integer> ids) {
        long length = 0;
        for (int i = 0, n = ids.size(); i < n; i++) {
            int id = ids.get(i);
            if (id < 1) {
                throw new IllegalArgumentException("subscription identifier must be 1 or more: " + id);
            }
            length += 1 + WireWriter.vbiSize(id);
        }
        return length;
    }

    private static int valueSize(PropertyId id, Object value) {
        return switch (id.type()) {
            case BYTE -> checkInt(id, value, MAX_BYTE, 1);
            case TWO_BYTE_INTEGER -> checkInt(id, value, MAX_TWO_BYTE, 2);
            case FOUR_BYTE_INTEGER -> {
                long v = (Long) value;
                if (v < 0 || v > MAX_FOUR_BYTE) {
                    throw new IllegalArgumentException(id + " out of range: " + v);
                }
                yield 4;
            }
            case VARIABLE_BYTE_INTEGER -> WireWriter.vbiSize((Integer) value);
            case UTF8_STRING -> WireWriter.utf8Size((String) value);
            case BINARY_DATA -> WireWriter.binarySize((byte[]) value);
            case UTF8_STRING_PAIR -> throw new IllegalStateException(id + " is multi-valued");
        };
    }

    private static int checkInt(PropertyId id, Object value, int max, int size) {
        int v = (Integer) value;
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(id + " out of range: " + v);
        }
        return size;
    }

    private static void writeContent(ByteBuffer out, Properties props, int omit) {
        if (props == null || props.isEmpty()) {
            return;
        }
        for (int mask = present(props, omit); mask != 0; mask &= mask - 1) {
            PropertyId id = ORDER[Integer.numberOfTrailingZeros(mask)];
            switch (id) {
                case USER_PROPERTY -> writeUserProperties(out, props.userProperties());
                case SUBSCRIPTION_IDENTIFIER -> writeSubscriptionIds(out, props.subscriptionIdentifiers());
                default -> {
                    out.put((byte) id.id());
                    writeValue(out, id, props.get(id));
                }
            }
        }
    }

    private static void writeUserProperties(ByteBuffer out, List<UserProperty> list) {
        for (int i = 0, n = list.size(); i < n; i++) {
            UserProperty p = list.get(i);
            out.put((byte) PropertyId.USER_PROPERTY.id());
            WireWriter.writeUtf8(out, p.name());
            WireWriter.writeUtf8(out, p.value());
        }
    }

    private static void writeSubscriptionIds(ByteBuffer out, List<Integer> ids) {
        for (int i = 0, n = ids.size(); i < n; i++) {
            out.put((byte) PropertyId.SUBSCRIPTION_IDENTIFIER.id());
            WireWriter.writeVbi(out, ids.get(i));
        }
    }

    private static void writeValue(ByteBuffer out, PropertyId id, Object value) {
        switch (id.type()) {
            case BYTE -> out.put((byte) (int) (Integer) value);
            case TWO_BYTE_INTEGER -> WireWriter.writeTwoByte(out, (Integer) value);
            case FOUR_BYTE_INTEGER -> WireWriter.writeFourByte(out, (Long) value);
            case VARIABLE_BYTE_INTEGER -> WireWriter.writeVbi(out, (Integer) value);
            case UTF8_STRING -> WireWriter.writeUtf8(out, (String) value);
            case BINARY_DATA -> WireWriter.writeBinary(out, (byte[]) value);
            case UTF8_STRING_PAIR -> throw new IllegalStateException(id + " is multi-valued");
        }
    }
}
