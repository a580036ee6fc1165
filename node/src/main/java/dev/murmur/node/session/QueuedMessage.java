package dev.murmur.node.session;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.QoS;
import java.util.List;

/** A message owed to one session: the granted QoS, the RETAIN flag to send, its subscription ids. */
public record QueuedMessage(RoutedMessage message, QoS qos, boolean retain, List<Integer> subscriptionIdentifiers) {
}
