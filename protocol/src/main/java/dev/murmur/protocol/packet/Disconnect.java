package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;

/** DISCONNECT: reason code and properties exist on the wire only in v5. */
public record Disconnect(ReasonCode reasonCode, Properties properties) implements MqttPacket {
    /** A normal disconnection without properties. */
    public static final Disconnect NORMAL = new Disconnect(ReasonCode.NORMAL_DISCONNECTION, Properties.EMPTY);

    /** A disconnection with a reason code and no properties. */
    public static Disconnect of(ReasonCode reasonCode) {
        return new Disconnect(reasonCode, Properties.EMPTY);
    }

    @Override
    public PacketType type() {
        return PacketType.DISCONNECT;
    }
}
