package dev.murmur.protocol.packet;

import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import java.util.Arrays;
import java.util.Objects;

/** The will message of a CONNECT, with its will properties (v5). */
public record Will(String topic, byte[] payload, QoS qos, boolean retain, Properties properties) {

    public Will {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(properties, "properties");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Will w && topic.equals(w.topic) && Arrays.equals(payload, w.payload) && qos == w.qos
                && retain == w.retain && properties.equals(w.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), qos, retain, properties);
    }

    @Override
    public String toString() {
        return "Will[topic=" + topic + ", payload=" + payload.length + "B, qos=" + qos + ", retain=" + retain
                + ", properties=" + properties + "]";
    }
}
