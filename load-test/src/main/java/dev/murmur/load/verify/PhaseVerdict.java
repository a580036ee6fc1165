package dev.murmur.load.verify;

/**
 * The verifier's counts for the messages one QoS level published in one {@link Phase}: the same
 * fields as {@link QosVerdict}, split by when the publisher issued each message (so a message
 * sent just before a fault and lost during it counts as lost "before").
 */
public record PhaseVerdict(Phase phase, int qos, long sent, long acknowledged, long expectedDeliveries,
                           long delivered, long lost, long duplicated, long outOfOrder) {
}
