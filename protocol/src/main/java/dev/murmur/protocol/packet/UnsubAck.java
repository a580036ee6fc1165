package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.property.Properties;
import java.util.List;

/** UNSUBACK: one reason code per filter in v5; 3.1.1 carries only the packet id. */
public record UnsubAck(int packetId, List<ReasonCode> reasonCodes, Properties properties) implements MqttPacket {
    public UnsubAck {
        reasonCodes = List.copyOf(reasonCodes);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBACK;
    }
}
