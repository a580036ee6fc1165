package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.protocol.packet.Subscription;
import java.util.ArrayList;
import java.util.List;

/**
 * One session as the admin API shows it: whether it exists and is connected, its expiry, its
 * subscriptions and how many messages it holds. Plain values only, so it can cross nodes.
 */
public record SessionInfo(String clientId, boolean exists, boolean connected, long sessionExpirySeconds,
                          List<SubscriptionView> subscriptions, int inflight, int queued, int queuedQos0,
                          int pendingInboundQos2, boolean hasWill)
        implements MurmurSerializable {

    /** One subscription with its options (MQTT 5.0 3.8.3.1). */
    public record SubscriptionView(String filter, int maxQos, boolean noLocal, boolean retainAsPublished,
                                   int retainHandling, Integer identifier) {
    }

    /** True when the session outlives its connection (expiry > 0, or 3.1.1 clean session = 0). */
    public boolean persistent() {
        return sessionExpirySeconds > 0;
    }

    static SessionInfo of(String clientId, boolean exists, boolean connected, SessionState state) {
        List<SubscriptionView> subs = new ArrayList<>(state.subscriptions().size());
        for (SessionState.SubscriptionEntry e : state.subscriptions().values()) {
            Subscription s = e.subscription();
            subs.add(new SubscriptionView(s.topicFilter(), s.maxQos().value(), s.noLocal(), s.retainAsPublished(),
                    s.retainHandling().ordinal(), e.identifier()));
        }
        return new SessionInfo(clientId, exists, connected, exists ? state.sessionExpirySeconds() : 0, List.copyOf(subs),
                state.inflightCount(), state.queuedCount(), state.queuedQos0(), state.inboundQos2().size(),
                state.will() != null);
    }
}
