package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.protocol.packet.Will;
import java.util.List;

/**
 * The whole {@link SessionState} as an immutable value: what a persistent session's snapshot holds.
 * {@code inboundQos2HandOffs} runs parallel to {@code inboundQos2} (null in older snapshots);
 * {@code online}: a connection was attached (false in older snapshots).
 */
public record SessionSnapshot(List<SessionState.SubscriptionEntry> subscriptions, List<QueuedMessage> queue,
                              List<SessionState.Inflight> inflight, List<Integer> inboundQos2, int lastPacketId,
                              Will will, long sessionExpirySeconds, long expiresAtMillis,
                              List<Long> recentHandOffs, List<Long> inboundQos2HandOffs, boolean online)
        implements MurmurSerializable {

    /** A snapshot without inbound QoS 2 hand-off ids (as written before they were kept). */
    public SessionSnapshot(List<SessionState.SubscriptionEntry> subscriptions, List<QueuedMessage> queue,
                           List<SessionState.Inflight> inflight, List<Integer> inboundQos2, int lastPacketId,
                           Will will, long sessionExpirySeconds, long expiresAtMillis, List<Long> recentHandOffs) {
        this(subscriptions, queue, inflight, inboundQos2, lastPacketId, will, sessionExpirySeconds, expiresAtMillis,
                recentHandOffs, null, false);
    }
}
