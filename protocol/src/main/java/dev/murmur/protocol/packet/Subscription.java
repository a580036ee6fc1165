package dev.murmur.protocol.packet;

import dev.murmur.protocol.QoS;

/** One topic filter of a SUBSCRIBE with its options (only maximum QoS exists before v5). */
public record Subscription(String topicFilter, QoS maxQos, boolean noLocal, boolean retainAsPublished,
                           RetainHandling retainHandling) {
    /** A subscription with default v5 options. */
    public static Subscription of(String topicFilter, QoS maxQos) {
        return new Subscription(topicFilter, maxQos, false, false, RetainHandling.SEND_ON_SUBSCRIBE);
    }
}
