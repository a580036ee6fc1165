package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.protocol.packet.Will;
import java.util.List;

/** The whole {@link SessionState} as an immutable value: what a persistent session's snapshot holds. */
public record SessionSnapshot(List<SessionState.SubscriptionEntry> subscriptions, List<QueuedMessage> queue,
                              List<SessionState.Inflight> inflight, List<Integer> inboundQos2, int lastPacketId,
                              Will will, long sessionExpirySeconds, long expiresAtMillis,
                              List<Long> recentHandOffs)
        implements MurmurSerializable {
}
