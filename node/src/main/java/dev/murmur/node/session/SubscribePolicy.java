package dev.murmur.node.session;

import dev.murmur.node.config.Mqtt5Settings;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.topic.SharedSubscription;
import dev.murmur.protocol.topic.Topics;

/**
 * What the announced capabilities mean for one subscription of a SUBSCRIBE: refused when shared
 * or wildcard subscriptions are not available (SUBACK 0x9E / 0xA2, MQTT 5.0 3.2.2.3.11 and
 * 3.2.2.3.13), otherwise granted at no more than the Maximum QoS (MQTT-3.2.2-10: a server may
 * grant a lower QoS than asked for).
 */
final class SubscribePolicy {
    private SubscribePolicy() {
    }

    /** The SUBACK failure code for {@code s}, or null when it may be granted. */
    static ReasonCode refusal(Subscription s, Mqtt5Settings v5) {
        SharedSubscription shared = SharedSubscription.parse(s.topicFilter());
        if (shared != null && !v5.sharedSubscriptionAvailable()) {
            return ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        String filter = shared == null ? s.topicFilter() : shared.filter();
        if (!v5.wildcardSubscriptionAvailable() && Topics.hasWildcard(filter)) {
            return ReasonCode.WILDCARD_SUBSCRIPTIONS_NOT_SUPPORTED;
        }
        return null;
    }

    /** {@code s} with its maximum QoS capped at what the server supports. */
    static Subscription granted(Subscription s, Mqtt5Settings v5) {
        if (s.maxQos().value() <= v5.maximumQos()) {
            return s;
        }
        return new Subscription(s.topicFilter(), QoS.ofValue(v5.maximumQos()), s.noLocal(), s.retainAsPublished(),
                s.retainHandling());
    }
}
