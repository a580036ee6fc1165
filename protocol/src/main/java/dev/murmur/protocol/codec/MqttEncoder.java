package dev.murmur.protocol.codec;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.encode.PacketEncoders;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;

/**
 * Encodes packets by computing their exact size first, then writing once. Stateless. Invalid
 * field values (a string over 65,535 UTF-8 bytes, a property the packet type does not define,
 * AUTH before v5, ...) are programming errors and throw {@link IllegalArgumentException}; see
 * {@link PacketEncoders} for what is checked.
 */
public final class MqttEncoder {
    private MqttEncoder() {
    }

    /** The exact encoded size of {@code packet} for {@code version}, fixed header included. */
    public static int encodedSize(MqttPacket packet, MqttVersion version) {
        return PacketEncoders.encodedSize(packet, version);
    }

    /** Encodes into a new heap buffer, flipped for reading. */
    public static ByteBuffer encode(MqttPacket packet, MqttVersion version) {
        return PacketEncoders.encode(packet, version);
    }

    /**
     * Encodes for a peer whose Maximum Packet Size is {@code maxPacketSize}: when too large, the
     * reason string and then the user properties are left out as the spec allows
     * (MQTT-3.1.2-25); returns null when the packet still does not fit, so the caller drops it.
     * Only packet types that carry a Reason String shrink this way: a PUBLISH keeps its user
     * properties, which belong to the application message (MQTT-3.3.2-17).
     */
    public static ByteBuffer encode(MqttPacket packet, MqttVersion version, long maxPacketSize) {
        return PacketEncoders.encode(packet, version, maxPacketSize);
    }

    /** Writes {@code packet} into {@code out}, which must have {@link #encodedSize} bytes left. */
    public static void encode(MqttPacket packet, MqttVersion version, ByteBuffer out) {
        PacketEncoders.encode(packet, version, out);
    }
}
