package dev.murmur.node.routing;

import dev.murmur.protocol.QoS;

/** One subscription as the shard hub keeps it: the session, its filter and its options. */
public record HubSubscription(String clientId, String filter, QoS maxQos, boolean noLocal, boolean retainAsPublished,
                              Integer subscriptionIdentifier) {
}
