package dev.murmur.node.routing;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;

/**
 * An application message on its way from a publisher to subscribers, as accepted by the broker.
 * {@code properties} holds what is forwarded unchanged (v5); topic alias and subscription
 * identifiers are per connection and never stored here. {@code receivedAtMicros} is the same
 * instant as {@code receivedAtMillis} with the resolution the delivery-latency histogram needs.
 */
public record RoutedMessage(String topic, byte[] payload, QoS qos, boolean retain, Properties properties,
                            String publisherClientId, long receivedAtMillis, long receivedAtMicros)
        implements MurmurSerializable {

    /** A message whose time is known to the millisecond only (wills, $SYS, admin publishes). */
    public RoutedMessage(String topic, byte[] payload, QoS qos, boolean retain, Properties properties,
                         String publisherClientId, long receivedAtMillis) {
        this(topic, payload, qos, retain, properties, publisherClientId, receivedAtMillis, receivedAtMillis * 1_000);
    }

    @Override
    public String toString() {
        return "RoutedMessage[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", payload="
                + payload.length + "B, publisher=" + publisherClientId + "]";
    }
}
