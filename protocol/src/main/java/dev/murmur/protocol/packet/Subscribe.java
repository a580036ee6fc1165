package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.property.Properties;
import java.util.List;

/** SUBSCRIBE: at least one subscription (MQTT-3.8.3-3). */
public record Subscribe(int packetId, List<Subscription> subscriptions, Properties properties) implements MqttPacket {
    public Subscribe {
        subscriptions = List.copyOf(subscriptions);
    }

    @Override
    public PacketType type() {
        return PacketType.SUBSCRIBE;
    }
}
