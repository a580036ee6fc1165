package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.property.Properties;
import java.util.List;

/** UNSUBSCRIBE: at least one topic filter (MQTT-3.10.3-2). */
public record Unsubscribe(int packetId, List<String> topicFilters, Properties properties) implements MqttPacket {
    public Unsubscribe {
        topicFilters = List.copyOf(topicFilters);
    }

    @Override
    public PacketType type() {
        return PacketType.UNSUBSCRIBE;
    }
}
