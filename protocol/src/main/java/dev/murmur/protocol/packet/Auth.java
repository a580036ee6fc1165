package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;

/** AUTH (v5 only): enhanced authentication exchange. */
public record Auth(ReasonCode reasonCode, Properties properties) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.AUTH;
    }
}
