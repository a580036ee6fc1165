package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;
import java.util.List;

/** SUBACK: one reason code per subscription; v3.1.1 maps any error to 0x80. */
public record SubAck(int packetId, List<ReasonCode> reasonCodes, Properties properties) implements MqttPacket {
    public SubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBACK;
    }
}
