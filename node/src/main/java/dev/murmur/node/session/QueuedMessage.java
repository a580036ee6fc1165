package dev.murmur.node.session;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.QoS;
import java.util.List;

/**
 * A message owed to one session: the granted QoS, the RETAIN flag to send, its subscription ids,
 * and for a message chosen by a shared subscription group the group's {@code $share/...} filter
 * (null otherwise), so an unacknowledged copy can go back to the group when the session ends.
 */
public record QueuedMessage(RoutedMessage message, QoS qos, boolean retain, List<Integer> subscriptionIdentifiers,
                            String sharedGroup) {

    /** A message from an ordinary (not shared) subscription. */
    public QueuedMessage(RoutedMessage message, QoS qos, boolean retain, List<Integer> subscriptionIdentifiers) {
        this(message, qos, retain, subscriptionIdentifiers, null);
    }
}
