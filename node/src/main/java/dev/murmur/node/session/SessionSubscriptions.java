package dev.murmur.node.session;

import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.session.ConnectionOutput.SubscribeDone;
import dev.murmur.node.session.ConnectionOutput.UnsubscribeDone;
import dev.murmur.node.session.SessionCommand.Subscribe;
import dev.murmur.node.session.SessionCommand.SubscriptionsRouted;
import dev.murmur.node.session.SessionCommand.Unsubscribe;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.topic.SharedSubscription;
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
    private final Map<Integer, PendingSubscribe> pending = new HashMap<>();

    /** A SUBSCRIBE waiting for its routes; {@code retained} lists what to look up afterwards. */
    private record PendingSubscribe(List<ReasonCode> codes, List<Subscription> retained, Integer identifier) {
    }

    SessionSubscriptions(String clientId, SessionState state, SessionServices services, ActorRef<ShardMessage> self) {
        this.clientId = clientId;
        this.state = state;
        this.services = services;
        this.self = self;
    }

    void subscribe(Subscribe cmd, ActorRef<ConnectionOutput> connection) {
        List<ReasonCode> codes = new ArrayList<>(cmd.subscriptions().size());
        List<HubSubscription> toHub = new ArrayList<>();
        List<Subscription> retained = new ArrayList<>();
        for (Subscription s : cmd.subscriptions()) {
            if (s.topicFilter().startsWith(SharedSubscription.PREFIX)) {
                // Shared subscriptions arrive with the MQTT 5 issue; CONNACK does not announce them.
                codes.add(ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED);
                continue;
            }
            boolean existed = state.subscriptions().containsKey(s.topicFilter());
            int max = services.settings().limits().maxSubscriptions();
            if (!existed && max > 0 && state.subscriptions().size() >= max) {
                codes.add(ReasonCode.QUOTA_EXCEEDED); // murmur.limits.client.max-subscriptions (3.x: 0x80)
                continue;
            }
            if (!existed) {
                services.metrics().subscriptionsCurrent().incrementAndGet();
            }
            state.apply(new SessionEvent.SubscriptionAdded(s, cmd.subscriptionIdentifier()));
            toHub.add(new HubSubscription(clientId, s.topicFilter(), s.maxQos(), s.noLocal(), s.retainAsPublished(),
                    cmd.subscriptionIdentifier()));
            codes.add(GRANTED[s.maxQos().value()]); // MQTT-3.9.3-1: one code per filter, in order
            if (s.retainHandling() == RetainHandling.SEND_ON_SUBSCRIBE
                    || s.retainHandling() == RetainHandling.SEND_IF_NEW_SUBSCRIPTION && !existed) {
                retained.add(s);
            }
        }
        PendingSubscribe p = new PendingSubscribe(codes, retained, cmd.subscriptionIdentifier());
        if (toHub.isEmpty()) {
            finish(cmd.packetId(), p, connection);
        } else {
            pending.put(cmd.packetId(), p);
            services.hubFor(clientId).tell(new HubCommand.AddSubscriptions(clientId, cmd.packetId(), toHub, self));
        }
    }

    void routed(SubscriptionsRouted routed, ActorRef<ConnectionOutput> connection) {
        PendingSubscribe p = pending.remove(routed.packetId());
        if (p != null) {
            finish(routed.packetId(), p, connection);
        }
    }

    private void finish(int packetId, PendingSubscribe p, ActorRef<ConnectionOutput> connection) {
        if (connection != null) {
            connection.tell(new SubscribeDone(packetId, p.codes()));
        }
        for (Subscription s : p.retained()) {
            services.retained().tell(new RetainedCommand.Lookup(s.topicFilter(), s.maxQos(), p.identifier(), self));
        }
    }

    void unsubscribe(Unsubscribe cmd, ActorRef<ConnectionOutput> connection) {
        List<ReasonCode> codes = new ArrayList<>(cmd.filters().size());
        List<String> removed = new ArrayList<>();
        for (String filter : cmd.filters()) {
            if (state.subscriptions().containsKey(filter)) {
                state.apply(new SessionEvent.SubscriptionRemoved(filter));
                services.metrics().subscriptionsCurrent().decrementAndGet();
                removed.add(filter);
                codes.add(ReasonCode.SUCCESS);
            } else {
                codes.add(ReasonCode.NO_SUBSCRIPTION_EXISTED);
            }
        }
        if (!removed.isEmpty()) {
            services.hubFor(clientId).tell(new HubCommand.RemoveSubscriptions(clientId, removed));
        }
        connection.tell(new UnsubscribeDone(cmd.packetId(), codes)); // MQTT-3.10.4-4
    }

    /** The session's subscriptions leave the hub (clean start or session end). */
    void removeAllFromHub() {
        if (!state.subscriptions().isEmpty()) {
            services.metrics().subscriptionsCurrent().addAndGet(-state.subscriptions().size());
            services.hubFor(clientId).tell(new HubCommand.RemoveSubscriptions(clientId,
                    new ArrayList<>(state.subscriptions().keySet())));
        }
        pending.clear();
    }
}
