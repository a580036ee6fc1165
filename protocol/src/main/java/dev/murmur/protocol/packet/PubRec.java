package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;

/** PUBREC: reason code and properties exist on the wire only in v5 (SUCCESS otherwise). */
public record PubRec(int packetId, ReasonCode reasonCode, Properties properties) implements MqttPacket {
    /** A success acknowledgement without properties. */
    public static PubRec of(int packetId) {
        return new PubRec(packetId, ReasonCode.SUCCESS, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.PUBREC;
    }
}
