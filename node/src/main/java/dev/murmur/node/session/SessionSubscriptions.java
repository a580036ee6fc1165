package dev.murmur.node.session;

import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.routing.SharedGroups;
import dev.murmur.node.session.ConnectionOutput.SubscribeDone;
import dev.murmur.node.session.ConnectionOutput.UnsubscribeDone;
import dev.murmur.node.session.SessionCommand.Subscribe;
import dev.murmur.node.session.SessionCommand.SubscriptionsRouted;
import dev.murmur.node.session.SessionCommand.Unsubscribe;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.Subscription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The subscribe/unsubscribe part of a session: records subscriptions as session events, registers
 * them with the shard hub, answers SUBACK once the routes are live, then asks the retained store
 * for what the new subscriptions should receive.
 */
final class SessionSubscriptions {
    private static final ReasonCode[] GRANTED = {
        ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_1, ReasonCode.GRANTED_QOS_2
    };

    private final String clientId;
    private final SessionState state;
    private final SessionServices services;
    private final ActorRef<ShardMessage> self;
    private final SharedMembership shared;
    private final SessionMode mode;
    private final Map<Integer, PendingSubscribe> pending = new HashMap<>();

    /**
     * A SUBSCRIBE waiting for its routes: one answer from the hub (ordinary filters) and one per
     * shared subscription group; {@code retained} lists what to look up afterwards.
     */
    private static final class PendingSubscribe {
        final List<ReasonCode> codes;
        final List<Subscription> retained;
        final Integer identifier;
        int awaiting;

        PendingSubscribe(List<ReasonCode> codes, List<Subscription> retained, Integer identifier) {
            this.codes = codes;
            this.retained = retained;
            this.identifier = identifier;
        }
    }

    SessionSubscriptions(String clientId, SessionState state, SessionServices services, ActorRef<ShardMessage> self,
                         SharedMembership shared, SessionMode mode) {
        this.clientId = clientId;
        this.state = state;
        this.services = services;
        this.self = self;
        this.shared = shared;
        this.mode = mode;
    }

    void subscribe(Subscribe cmd, ActorRef<ConnectionOutput> connection) {
        List<ReasonCode> codes = new ArrayList<>(cmd.subscriptions().size());
        List<HubSubscription> toHub = new ArrayList<>();
        List<Subscription> retained = new ArrayList<>();
        List<Subscription> sharedJoins = new ArrayList<>();
        for (Subscription requested : cmd.subscriptions()) {
            ReasonCode refused = SubscribePolicy.refusal(requested, services.settings().mqtt5());
            if (refused != null) {
                codes.add(refused); // 0x9E / 0xA2: the capability is not available
                continue;
            }
            Subscription s = SubscribePolicy.granted(requested, services.settings().mqtt5());
            boolean existed = state.subscriptions().containsKey(s.topicFilter());
            int max = services.settings().limits().maxSubscriptions();
            if (!existed && max > 0 && state.subscriptions().size() >= max) {
                codes.add(ReasonCode.QUOTA_EXCEEDED); // murmur.limits.client.max-subscriptions (3.x: 0x80)
                continue;
            }
            if (!existed) {
                services.metrics().subscriptionsCurrent().incrementAndGet();
            }
            SessionEvent added = new SessionEvent.SubscriptionAdded(s, cmd.subscriptionIdentifier());
            state.apply(added);
            mode.applied(added);
            if (SharedGroups.isShared(s.topicFilter())) {
                sharedJoins.add(s); // no retained messages on a shared subscription (MQTT 5.0 4.8.2)
                codes.add(GRANTED[s.maxQos().value()]);
                continue;
            }
            toHub.add(new HubSubscription(clientId, s.topicFilter(), s.maxQos(), s.noLocal(), s.retainAsPublished(),
                    cmd.subscriptionIdentifier()));
            codes.add(GRANTED[s.maxQos().value()]); // MQTT-3.9.3-1: one code per filter, in order
            if (s.retainHandling() == RetainHandling.SEND_ON_SUBSCRIBE
                    || s.retainHandling() == RetainHandling.SEND_IF_NEW_SUBSCRIPTION && !existed) {
                retained.add(s);
            }
        }
        PendingSubscribe p = new PendingSubscribe(codes, retained, cmd.subscriptionIdentifier());
        p.awaiting = sharedJoins.size() + (toHub.isEmpty() ? 0 : 1);
        if (p.awaiting == 0) {
            finish(cmd.packetId(), p, connection);
            return;
        }
        pending.put(cmd.packetId(), p);
        if (!toHub.isEmpty()) {
            mode.addSubscriptions(new HubCommand.AddSubscriptions(clientId, cmd.packetId(), toHub, self));
        }
        sharedJoins.forEach(s -> shared.join(s, cmd.subscriptionIdentifier(), cmd.packetId()));
    }

    void routed(SubscriptionsRouted routed, ActorRef<ConnectionOutput> connection) {
        PendingSubscribe p = pending.get(routed.packetId());
        if (p != null && --p.awaiting == 0) {
            pending.remove(routed.packetId());
            finish(routed.packetId(), p, connection);
        }
    }

    private void finish(int packetId, PendingSubscribe p, ActorRef<ConnectionOutput> connection) {
        mode.afterStored(() -> {
            if (connection != null) {
                connection.tell(new SubscribeDone(packetId, p.codes));
            }
            for (Subscription s : p.retained) {
                services.retained().tell(new RetainedCommand.Lookup(s.topicFilter(), s.maxQos(), p.identifier, self));
            }
        });
    }

    void unsubscribe(Unsubscribe cmd, ActorRef<ConnectionOutput> connection) {
        List<ReasonCode> codes = new ArrayList<>(cmd.filters().size());
        List<String> removed = new ArrayList<>();
        for (String filter : cmd.filters()) {
            if (state.subscriptions().containsKey(filter)) {
                SessionEvent removedEvent = new SessionEvent.SubscriptionRemoved(filter);
                state.apply(removedEvent);
                mode.applied(removedEvent);
                services.metrics().subscriptionsCurrent().decrementAndGet();
                if (SharedGroups.isShared(filter)) {
                    shared.leave(filter);
                } else {
                    removed.add(filter);
                }
                codes.add(ReasonCode.SUCCESS);
            } else {
                codes.add(ReasonCode.NO_SUBSCRIPTION_EXISTED);
            }
        }
        if (!removed.isEmpty()) {
            mode.removeSubscriptions(new HubCommand.RemoveSubscriptions(clientId, removed));
        }
        mode.afterStored(() -> connection.tell(new UnsubscribeDone(cmd.packetId(), codes))); // MQTT-3.10.4-4
    }

    /**
     * A recovered persistent session rejoins its shared subscription groups (they are in memory and
     * do not survive a restart); the groups' answers carry packet id 0 and are ignored.
     */
    void rejoinSharedGroups() {
        state.subscriptions().values().forEach(e -> {
            if (SharedGroups.isShared(e.subscription().topicFilter())) {
                shared.join(e.subscription(), e.identifier(), 0);
            }
        });
    }

    /** The session's subscriptions leave the hub (clean start or session end). */
    void removeAllFromHub() {
        shared.sessionEnding(); // leave shared groups, give their unacknowledged messages back
        if (!state.subscriptions().isEmpty()) {
            services.metrics().subscriptionsCurrent().addAndGet(-state.subscriptions().size());
            mode.removeSubscriptions(new HubCommand.RemoveSubscriptions(clientId,
                    new ArrayList<>(state.subscriptions().keySet())));
        }
        pending.clear();
    }
}
