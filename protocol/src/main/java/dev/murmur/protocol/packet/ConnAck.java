package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;

/**
 * CONNACK. The reason code is the v5 one; for 3.1/3.1.1 the codec maps it to the return codes
 * 0x00-0x05 (e.g. CLIENT_IDENTIFIER_NOT_VALID to 0x02 "identifier rejected").
 */
public record ConnAck(boolean sessionPresent, ReasonCode reasonCode, Properties properties) implements MqttPacket {
    @Override
    public PacketType type() {
        return PacketType.CONNACK;
    }
}
