package dev.murmur.protocol.packet;

import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import java.util.Arrays;
import java.util.Objects;

/**
 * PUBLISH. {@code packetId} is 0 for QoS 0. In v5 the topic may be empty when a topic alias
 * property names it; the connection resolves aliases, not the codec.
 */
public record Publish(String topic, QoS qos, boolean retain, boolean dup, int packetId, byte[] payload,
                      Properties properties) implements MqttPacket {

    public Publish {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(properties, "properties");
    }

    @Override
    public PacketType type() {
        return PacketType.PUBLISH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Publish p && topic.equals(p.topic) && qos == p.qos && retain == p.retain && dup == p.dup
                && packetId == p.packetId && Arrays.equals(payload, p.payload) && properties.equals(p.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, qos, retain, dup, packetId, Arrays.hashCode(payload), properties);
    }

    /** Never prints the payload (logs must not carry message contents). */
    @Override
    public String toString() {
        return "Publish[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", dup=" + dup
                + ", packetId=" + packetId + ", payload=" + payload.length + "B, properties=" + properties + "]";
    }
}
