package dev.murmur.load.verify;

/**
 * The verifier's counts for the messages published at one QoS. {@code acknowledged} counts
 * PUBACKs (QoS 1) or PUBRECs (QoS 2), and equals {@code sent} at QoS 0. {@code lost} counts
 * accepted messages a matching receiver never got; {@code duplicated} second and later copies;
 * {@code outOfOrder} new messages that arrived after a higher sequence number of the same
 * publisher on the same connection. Fan-out is deliveries per accepted message.
 */
public record QosVerdict(int qos, int publishers, long sent, long acknowledged, long expectedDeliveries,
                         long delivered, long lost, long duplicated, long outOfOrder, double expectedFanOut,
                         double actualFanOut, LatencySummary latency) {
}
