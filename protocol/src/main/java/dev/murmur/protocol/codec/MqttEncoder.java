package dev.murmur.protocol.codec;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;

/** Encodes packets by computing their exact size first, then writing once. Stateless. */
public final class MqttEncoder {
    private MqttEncoder() {
    }

    /** The exact encoded size of {@code packet} for {@code version}, fixed header included. */
    public static int encodedSize(MqttPacket packet, MqttVersion version) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Encodes into a new heap buffer, flipped for reading. */
    public static ByteBuffer encode(MqttPacket packet, MqttVersion version) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Encodes for a peer whose Maximum Packet Size is {@code maxPacketSize}: when too large, the
     * reason string and then the user properties are left out as the spec allows
     * (MQTT-3.1.2-25); returns null when the packet still does not fit, so the caller drops it.
     */
    public static ByteBuffer encode(MqttPacket packet, MqttVersion version, long maxPacketSize) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Writes {@code packet} into {@code out}, which must have {@link #encodedSize} bytes left. */
    public static void encode(MqttPacket packet, MqttVersion version, ByteBuffer out) {
        throw new UnsupportedOperationException("TODO");
    }
}
