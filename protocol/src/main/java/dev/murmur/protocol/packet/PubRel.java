package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;

/** PUBREL: reason code and properties exist on the wire only in v5 (SUCCESS otherwise). */
public record PubRel(int packetId, ReasonCode reasonCode, Properties properties) implements MqttPacket {
    /** A success acknowledgement without properties. */
    public static PubRel of(int packetId) {
        return new PubRel(packetId, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREL;
    }
}
