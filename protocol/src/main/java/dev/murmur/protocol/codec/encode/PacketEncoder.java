package dev.murmur.protocol.codec.encode;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.packet.MqttPacket;
import java.nio.ByteBuffer;

/**
 * Encodes the part of one packet type after the fixed header. Sizing is separate from writing
 * so the caller can size the buffer exactly once; {@code omit} is a {@link PropertyWriter}
 * omission mask, {@link PropertyWriter#KEEP_ALL} unless a size limit forces leaving out the
 * reason string or user properties.
 *
 * @param <P> the packet record this encoder handles
 */
abstract class PacketEncoder<P extends MqttPacket> {
    private static final int MAX_TWO_BYTE = 0xFFFF;

    private final Class<P> packetClass;
    private final PacketType type;

    PacketEncoder(Class<P> packetClass, PacketType type) {
        this.packetClass = packetClass;
        this.type = type;
    }

    final PacketType type() {
        return type;
    }

    /** The remaining length: bytes after the fixed header. Validates field ranges. */
    final long remainingLength(MqttPacket packet, MqttVersion version, int omit) {
        return bodySize(packetClass.cast(packet), version, omit);
    }

    /** The first byte of the fixed header: type nibble and flag bits. */
    final int firstByte(MqttPacket packet) {
        return type.value() << 4 | flags(packetClass.cast(packet));
    }

    /**
     * Writes the bytes after the fixed header; {@code remaining} is what {@link #remainingLength}
     * returned for the same packet, version and omission.
     */
    final void writeBody(MqttPacket packet, MqttVersion version, int omit, int remaining, ByteBuffer out) {
        write(packetClass.cast(packet), version, omit, remaining, out);
    }

    /** The fixed-header flag bits; the spec's fixed value for every type except PUBLISH. */
    int flags(P packet) {
        return type.requiredFlags();
    }

    abstract long bodySize(P packet, MqttVersion version, int omit);

    abstract void write(P packet, MqttVersion version, int omit, ByteBuffer out);

    /**
     * Writes the body knowing its size; an encoder whose only variable-size part is its property
     * section overrides this to derive the section's length instead of sizing it a second time.
     */
    void write(P packet, MqttVersion version, int omit, int remaining, ByteBuffer out) {
        write(packet, version, omit, out);
    }

    /** Checks that a packet identifier fits its two bytes and is not 0 (MQTT-2.2.1-3). */
    static int checkPacketId(int packetId) {
        if (packetId < 1 || packetId > MAX_TWO_BYTE) {
            throw new IllegalArgumentException("packet identifier must be 1-65535: " + packetId);
        }
        return packetId;
    }

    /** Checks that a value fits an unsigned two-byte integer. */
    static int checkTwoByte(String field, int value) {
        if (value < 0 || value > MAX_TWO_BYTE) {
            throw new IllegalArgumentException(field + " must be 0-65535: " + value);
        }
        return value;
    }
}
