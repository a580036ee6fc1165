package dev.murmur.node.routing;

import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;

/**
 * An application message on its way from a publisher to subscribers, as accepted by the broker.
 * {@code properties} holds what is forwarded unchanged (v5); topic alias and subscription
 * identifiers are per connection and never stored here.
 */
public record RoutedMessage(String topic, byte[] payload, QoS qos, boolean retain, Properties properties,
                            String publisherClientId, long receivedAtMillis) {
    @Override
    public String toString() {
        return "RoutedMessage[topic=" + topic + ", qos=" + qos + ", retain=" + retain + ", payload="
                + payload.length + "B, publisher=" + publisherClientId + "]";
    }
}
