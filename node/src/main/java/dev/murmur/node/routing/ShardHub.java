package dev.murmur.node.routing;

import dev.murmur.node.routing.HubCommand.AddSubscriptions;
import dev.murmur.node.routing.HubCommand.RemoveSubscriptions;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.HubCommand.Route;
import dev.murmur.node.routing.HubCommand.RoutesWritten;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.topic.TopicTrie;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The shard hub: one per session shard, living in that shard. Holds filter -> subscriber for
 * the sessions of its shard and fans a routed message out to them with local sends, so a
 * PUBLISH costs one message per matching shard, never one per subscriber across the cluster.
 */
public final class ShardHub extends AbstractBehavior<ShardMessage> {
    private final int shard;
    private final ActorRef<RouteIndexCommand> routeIndex;
    private final Function<String, RecipientRef<ShardMessage>> sessionRef;
    private final TopicTrie<HubSubscription> trie = new TopicTrie<>();
    private final Map<String, Map<String, HubSubscription>> byClient = new HashMap<>();
    private final Map<String, Integer> subscribersPerFilter = new HashMap<>();
    private final List<HubSubscription> matched = new ArrayList<>();
    /** Subscribes waiting for their routes, by request id. */
    private final Map<Long, AddSubscriptions> awaitingRoutes = new HashMap<>();
    private final ActorRef<RouteIndexCommand.RoutesAdded> routesAdded;
    /** Shared subscription groups of this shard, and their registrations waiting for routes. */
    private final SharedGroupRoutes sharedGroups = new SharedGroupRoutes();
    private final Map<Long, HubCommand.AddSharedGroup> awaitingGroupRoutes = new HashMap<>();
    private long nextRequestId;
    /** The confirmed route being fanned out, and how many QoS 1/2 deliveries it made so far. */
    private HubCommand.RouteConfirmed confirming;
    private int confirmations;
    /**
     * Direct references to the sessions of this shard, learnt from their subscribe requests and
     * watched: delivery skips the shard region, and falls back to it once a session stops.
     */
    private final Map<String, ActorRef<? super SessionCommand>> sessions = new HashMap<>();
    /** Routed messages not yet acknowledged to their publishing connections. */
    private final Map<ActorRef<ConnectionOutput>, int[]> owedAcks = new HashMap<>();
    /** Envelope counters (null in unit tests that build a bare hub). */
    private BrokerMetrics metrics;

    public static Behavior<ShardMessage> create(int shard, ActorRef<RouteIndexCommand> routeIndex,
                                                Function<String, RecipientRef<ShardMessage>> sessionRef) {
        return create(shard, routeIndex, sessionRef, null);
    }

    /** A hub that counts the envelopes it receives, and those from other nodes, into {@code metrics}. */
    public static Behavior<ShardMessage> create(int shard, ActorRef<RouteIndexCommand> routeIndex,
                                                Function<String, RecipientRef<ShardMessage>> sessionRef,
                                                BrokerMetrics metrics) {
        return Behaviors.setup(ctx -> {
            ShardHub hub = new ShardHub(ctx, shard, routeIndex, sessionRef);
            hub.metrics = metrics;
            return hub;
        });
    }

    /**
     * Counts one envelope (issue 10, cluster messages per publish). A publisher's reference
     * carries its node's address only when it lives on another node, so this costs no lookup;
     * wills and $SYS messages carry none and count as local.
     */
    private void countEnvelope(ActorRef<?> publisher) {
        if (metrics == null) {
            return;
        }
        metrics.increment(Counter.HUB_ENVELOPES_RECEIVED);
        if (publisher != null && publisher.path().address().hasGlobalScope()) {
            metrics.increment(Counter.HUB_ENVELOPES_REMOTE);
        }
    }

    private ShardHub(ActorContext<ShardMessage> ctx, int shard, ActorRef<RouteIndexCommand> routeIndex,
                     Function<String, RecipientRef<ShardMessage>> sessionRef) {
        super(ctx);
        this.shard = shard;
        this.routeIndex = routeIndex;
        this.sessionRef = sessionRef;
        this.routesAdded = ctx.messageAdapter(RouteIndexCommand.RoutesAdded.class, r -> new RoutesWritten(r.requestId()));
    }

    @Override
    public Receive<ShardMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(Route.class, this::onRoute)
                .onMessage(HubCommand.RouteConfirmed.class, this::onRouteConfirmed)
                .onMessage(AddSubscriptions.class, this::onAdd)
                .onMessage(HubCommand.RestoreSubscriptions.class, this::onRestore)
                .onMessage(RemoveSubscriptions.class, this::onRemove)
                .onMessage(RoutesWritten.class, this::onRoutesWritten)
                .onMessage(HubCommand.AddSharedGroup.class, this::onAddGroup)
                .onMessage(HubCommand.RemoveSharedGroup.class, this::onRemoveGroup)
                .onMessageEquals(HubCommand.FlushAcks.INSTANCE, this::flushAcks)
                .onMessage(HubCommand.SessionStopped.class, this::onSessionStopped)
                .onMessage(HubCommand.ListSubscribers.class, this::onListSubscribers)
                .onMessageEquals(SessionCommand.Stop.INSTANCE, Behaviors::stopped)
                .build();
    }

    /** A publisher waits on this hand-off: count the QoS 1/2 deliveries and tell it how many to expect. */
    private Behavior<ShardMessage> onRouteConfirmed(HubCommand.RouteConfirmed r) {
        countEnvelope(r.confirmTo());
        confirming = r;
        confirmations = 0;
        onRoute(new Route(r.message(), null));
        confirming = null;
        r.confirmTo().tell(new ConnectionOutput.HubConfirmed(r.handOffId(), shard, r.attempt(), confirmations));
        return this;
    }

    private Behavior<ShardMessage> onRoute(Route route) {
        if (confirming == null) {
            countEnvelope(route.ackTo());
        }
        RoutedMessage msg = route.message();
        sharedGroups.route(msg); // each matching group picks one member (MQTT 5.0 4.8.2)
        matched.clear();
        trie.match(msg.topic(), matched::add);
        if (matched.size() == 1) {
            HubSubscription s = matched.get(0);
            if (!(s.noLocal() && s.clientId().equals(msg.publisherClientId()))) {
                deliver(s.clientId(), msg, QoS.min(msg.qos(), s.maxQos()), s.retainAsPublished(),
                        s.subscriptionIdentifier() == null ? List.of() : List.of(s.subscriptionIdentifier()));
            }
        } else if (!matched.isEmpty()) {
            deliverOverlapping(msg);
        }
        matched.clear();
        if (route.ackTo() != null) {
            owe(route.ackTo());
        }
        return this;
    }

    /**
     * Acks are batched: the first one owed schedules a FlushAcks behind the current mailbox
     * backlog, so a busy hub sends one ack per burst and an idle one acks at once.
     */
    private void owe(ActorRef<ConnectionOutput> publisher) {
        if (owedAcks.isEmpty()) {
            getContext().getSelf().tell(HubCommand.FlushAcks.INSTANCE);
        }
        owedAcks.computeIfAbsent(publisher, p -> new int[1])[0]++;
    }

    private Behavior<ShardMessage> flushAcks() {
        owedAcks.forEach((publisher, count) -> publisher.tell(new ConnectionOutput.Routed(count[0])));
        owedAcks.clear();
        return this;
    }

    /**
     * A session with several matching subscriptions gets the message once, at the highest granted
     * QoS, carrying every matching subscription identifier (MQTT 5.0 3.3.4, MQTT-3.3.4-3/-5).
     */
    private void deliverOverlapping(RoutedMessage msg) {
        Map<String, Delivery> byClient = new LinkedHashMap<>();
        for (HubSubscription s : matched) {
            if (s.noLocal() && s.clientId().equals(msg.publisherClientId())) {
                continue; // MQTT-3.8.3-3: never back to the publisher on a no-local subscription
            }
            Delivery d = byClient.computeIfAbsent(s.clientId(), c -> new Delivery());
            QoS q = QoS.min(msg.qos(), s.maxQos());
            if (d.qos == null || q.value() > d.qos.value()) {
                d.qos = q;
            }
            d.retainAsPublished |= s.retainAsPublished();
            if (s.subscriptionIdentifier() != null) {
                d.ids.add(s.subscriptionIdentifier());
            }
        }
        byClient.forEach((clientId, d) -> deliver(clientId, msg, d.qos, d.retainAsPublished, List.copyOf(d.ids)));
    }

    private static final class Delivery {
        QoS qos;
        boolean retainAsPublished;
        final List<Integer> ids = new ArrayList<>(1);
    }

    private void deliver(String clientId, RoutedMessage msg, QoS qos, boolean retainAsPublished, List<Integer> ids) {
        SessionCommand.Deliver d = new SessionCommand.Deliver(msg, qos, retainAsPublished, ids);
        ActorRef<? super SessionCommand> direct = sessions.get(clientId);
        if (confirming != null && qos != QoS.AT_MOST_ONCE) {
            confirmations++;
            SessionCommand.DeliverConfirmed dc = new SessionCommand.DeliverConfirmed(d, confirming.handOffId(), shard,
                    confirming.attempt(), confirming.confirmTo());
            if (direct != null) {
                direct.tell(dc);
            } else {
                sessionRef.apply(clientId).tell(dc);
            }
            return;
        }
        if (direct != null) {
            direct.tell(d);
        } else {
            sessionRef.apply(clientId).tell(d);
        }
    }

    private Behavior<ShardMessage> onListSubscribers(HubCommand.ListSubscribers q) {
        java.util.Set<String> wanted = new java.util.HashSet<>(q.filters());
        List<HubSubscription> found = new ArrayList<>();
        byClient.values().forEach(subs -> subs.values().forEach(s -> {
            if (wanted.contains(s.filter())) {
                found.add(s);
            }
        }));
        q.replyTo().tell(new HubCommand.Subscribers(shard, List.copyOf(found)));
        return this;
    }

    private Behavior<ShardMessage> onSessionStopped(HubCommand.SessionStopped stopped) {
        sessions.remove(stopped.clientId(), stopped.session());
        return this;
    }

    private Behavior<ShardMessage> onAdd(AddSubscriptions cmd) {
        ActorRef<? super SessionCommand> previous = sessions.put(cmd.clientId(), cmd.replyTo());
        if (!cmd.replyTo().equals(previous)) {
            getContext().watchWith(cmd.replyTo(), new HubCommand.SessionStopped(cmd.clientId(), cmd.replyTo()));
        }
        return add(cmd);
    }

    /** Subscriptions recovered from the journal: the session may not run, so delivery goes through sharding. */
    private Behavior<ShardMessage> onRestore(HubCommand.RestoreSubscriptions r) {
        return add(new AddSubscriptions(r.clientId(), 0, r.subscriptions(), r.replyTo()));
    }

    private Behavior<ShardMessage> add(AddSubscriptions cmd) {
        Map<String, HubSubscription> mine = byClient.computeIfAbsent(cmd.clientId(), c -> new HashMap<>());
        List<String> filters = new ArrayList<>(cmd.subscriptions().size());
        for (HubSubscription s : cmd.subscriptions()) {
            HubSubscription old = mine.put(s.filter(), s);
            if (old != null) {
                trie.remove(old.filter(), old); // MQTT-3.8.4-3: a repeated filter replaces the old one
            } else {
                subscribersPerFilter.merge(s.filter(), 1, Integer::sum);
            }
            trie.add(s.filter(), s);
            filters.add(s.filter());
        }
        // Every subscribe waits for its routes, even known ones: an earlier write of the same
        // route may still be in flight, and SUBACK must not overtake it.
        long requestId = nextRequestId++;
        awaitingRoutes.put(requestId, cmd);
        routeIndex.tell(new RouteIndexCommand.AddRoutes(filters, shard, requestId, routesAdded));
        return this;
    }

    private Behavior<ShardMessage> onRoutesWritten(RoutesWritten w) {
        AddSubscriptions cmd = awaitingRoutes.remove(w.requestId());
        if (cmd != null) {
            cmd.replyTo().tell(new SessionCommand.SubscriptionsRouted(cmd.packetId()));
        }
        HubCommand.AddSharedGroup group = awaitingGroupRoutes.remove(w.requestId());
        if (group != null) {
            group.group().tell(new SharedGroupCommand.GroupRouted(group.requestId()));
        }
        return this;
    }

    private Behavior<ShardMessage> onAddGroup(HubCommand.AddSharedGroup cmd) {
        if (sharedGroups.add(cmd.filter(), cmd.shareFilter(), cmd.group())) {
            subscribersPerFilter.merge(cmd.filter(), 1, Integer::sum);
        }
        long requestId = nextRequestId++;
        awaitingGroupRoutes.put(requestId, cmd);
        routeIndex.tell(new RouteIndexCommand.AddRoutes(List.of(cmd.filter()), shard, requestId, routesAdded));
        return this;
    }

    private Behavior<ShardMessage> onRemoveGroup(HubCommand.RemoveSharedGroup cmd) {
        if (sharedGroups.remove(cmd.filter(), cmd.shareFilter(), cmd.group())
                && subscribersPerFilter.merge(cmd.filter(), -1, Integer::sum) == 0) {
            subscribersPerFilter.remove(cmd.filter());
            routeIndex.tell(new RouteIndexCommand.RemoveRoutes(List.of(cmd.filter()), shard));
        }
        return this;
    }

    private Behavior<ShardMessage> onRemove(RemoveSubscriptions cmd) {
        Map<String, HubSubscription> mine = byClient.get(cmd.clientId());
        if (mine == null) {
            return this;
        }
        List<String> unrouted = new ArrayList<>();
        for (String filter : cmd.filters()) {
            HubSubscription old = mine.remove(filter);
            if (old == null) {
                continue;
            }
            trie.remove(filter, old);
            if (subscribersPerFilter.merge(filter, -1, Integer::sum) == 0) {
                subscribersPerFilter.remove(filter);
                unrouted.add(filter);
            }
        }
        if (mine.isEmpty()) {
            byClient.remove(cmd.clientId());
            ActorRef<? super SessionCommand> ref = sessions.remove(cmd.clientId());
            if (ref != null) {
                getContext().unwatch(ref);
            }
        }
        if (!unrouted.isEmpty()) {
            routeIndex.tell(new RouteIndexCommand.RemoveRoutes(unrouted, shard));
        }
        return this;
    }
}
