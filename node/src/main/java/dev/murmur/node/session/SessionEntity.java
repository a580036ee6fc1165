package dev.murmur.node.session;

import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters.DropReason;
import dev.murmur.node.routing.MessageExpiry;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.ConnectionOutput.Attached;
import dev.murmur.node.session.ConnectionOutput.Kicked;
import dev.murmur.node.session.ConnectionOutput.Outgoing;
import dev.murmur.node.session.ConnectionOutput.OutgoingPubRel;
import dev.murmur.node.session.SessionCommand.Attach;
import dev.murmur.node.session.SessionCommand.Deliver;
import dev.murmur.node.session.SessionCommand.Detach;
import dev.murmur.node.session.SessionCommand.InboundQos2Released;
import dev.murmur.node.session.SessionCommand.InboundQos2Stored;
import dev.murmur.node.session.SessionCommand.PubAckReceived;
import dev.murmur.node.session.SessionCommand.PubCompReceived;
import dev.murmur.node.session.SessionCommand.PubRecReceived;
import dev.murmur.node.session.SessionCommand.RetainedFound;
import dev.murmur.node.session.SessionCommand.Subscribe;
import dev.murmur.node.session.SessionCommand.SubscriptionsRouted;
import dev.murmur.node.session.SessionCommand.Unsubscribe;
import dev.murmur.node.session.SessionCommand.WriteCredit;
import dev.murmur.node.session.SessionEvent.MessageEnqueued;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * One MQTT session, sharded by client id (Cluster Sharding keeps exactly one per id in the
 * cluster, which makes takeover correct by construction). Owns the queue, the inflight window
 * and the packet ids of its outbound messages, and hands messages to its connection only as
 * far as the client's receive maximum and the connection's write credit allow.
 */
public final class SessionEntity extends AbstractBehavior<ShardMessage> {
    /** Pekko's scheduler cannot wait longer than about 248 days; longer expiries never fire. */
    private static final long MAX_TIMER_SECONDS = Duration.ofDays(240).toSeconds();

    private final String clientId;
    private final SessionServices services;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final TimerScheduler<ShardMessage> timers;
    private final SessionState state = new SessionState();
    private final SessionSubscriptions subscriptions;
    private final SessionWill will;
    private final SharedMembership shared;

    private boolean exists;
    private ActorRef<ConnectionOutput> connection;
    /**
     * The connection being taken over: its last acknowledgements may still be on their way, so
     * the resend waits for its Detach (or the takeover grace) and its acks still count.
     */
    private ActorRef<ConnectionOutput> replaced;
    private int writeCredits;
    private int inflightLimit;

    public static Behavior<ShardMessage> create(String clientId, SessionServices services,
                                                ActorRef<ClusterSharding.ShardCommand> shard) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SessionEntity entity = new SessionEntity(ctx, clientId, services, shard, timers);
            return Behaviors.intercept(() -> new SessionGauges(services.metrics(), entity), entity);
        }));
    }

    private SessionEntity(ActorContext<ShardMessage> ctx, String clientId, SessionServices services,
                          ActorRef<ClusterSharding.ShardCommand> shard, TimerScheduler<ShardMessage> timers) {
        super(ctx);
        this.clientId = clientId;
        this.services = services;
        this.shard = shard;
        this.timers = timers;
        this.shared = new SharedMembership(clientId, state, services, ctx.getSelf());
        this.subscriptions = new SessionSubscriptions(clientId, state, services, ctx.getSelf(), shared);
        this.will = new SessionWill(clientId, state, services, timers);
    }

    @Override
    public Receive<ShardMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(Deliver.class, this::onDeliver)
                .onMessage(PubAckReceived.class, this::onPubAck)
                .onMessage(PubRecReceived.class, this::onPubRec)
                .onMessage(PubCompReceived.class, this::onPubComp)
                .onMessage(WriteCredit.class, this::onWriteCredit)
                .onMessage(SessionCommand.DeliveryDropped.class, this::onDeliveryDropped)
                .onMessage(InboundQos2Stored.class, m -> applyFromCurrent(m.connection(),
                        new SessionEvent.InboundQos2Stored(m.packetId())))
                .onMessage(InboundQos2Released.class, m -> applyFromCurrent(m.connection(),
                        new SessionEvent.InboundQos2Released(m.packetId())))
                .onMessage(Attach.class, this::onAttach)
                .onMessage(Detach.class, this::onDetach)
                .onMessage(Subscribe.class, m -> {
                    if (m.connection().equals(connection)) {
                        subscriptions.subscribe(m, connection);
                    }
                    return this;
                })
                .onMessage(SubscriptionsRouted.class, m -> {
                    subscriptions.routed(m, connection);
                    return this;
                })
                .onMessage(Unsubscribe.class, m -> {
                    if (m.connection().equals(connection)) {
                        subscriptions.unsubscribe(m, connection);
                    }
                    return this;
                })
                .onMessage(RetainedFound.class, this::onRetainedFound)
                .onMessage(SessionCommand.DeliverShared.class, this::onDeliverShared)
                .onMessage(SessionCommand.DisconnectClient.class, this::onDisconnectClient)
                .onMessageEquals(SessionCommand.WillDelayElapsed.INSTANCE, () -> {
                    will.delayElapsed(connection != null);
                    return this;
                })
                .onMessage(SessionCommand.GetInfo.class, this::onGetInfo)
                .onMessage(SessionCommand.Discard.class, this::onDiscard)
                .onMessageEquals(SessionCommand.Expire.INSTANCE, this::onExpire)
                .onMessageEquals(SessionCommand.TakeoverSettled.INSTANCE, this::takeoverSettled)
                .onMessageEquals(SessionCommand.Stop.INSTANCE, this::onStop)
                .build();
    }

    private Behavior<ShardMessage> onAttach(Attach attach) {
        ConnectRequest req = attach.request();
        if (connection != null && !connection.equals(attach.connection())) {
            // MQTT-3.1.4-3: the existing connection is disconnected (v5: 0x8E Session taken over).
            connection.tell(new Kicked(ReasonCode.SESSION_TAKEN_OVER));
            services.metrics().increment(Counter.SESSION_TAKEOVERS);
            will.takenOver();
            replaced = connection;
            timers.startSingleTimer(SessionCommand.TakeoverSettled.INSTANCE,
                    services.settings().mqtt().takeoverGrace());
        }
        timers.cancel(SessionCommand.Expire.INSTANCE);
        will.connectionOpened();
        boolean sessionPresent = exists && !req.cleanStart();
        if (!sessionPresent) {
            subscriptions.removeAllFromHub();
            state.apply(SessionEvent.StateCleared.INSTANCE); // MQTT-3.1.2-4 / MQTT-3.1.2-5
        }
        exists = true;
        state.apply(req.will() == null ? SessionEvent.WillCleared.INSTANCE : new SessionEvent.WillSet(req.will()));
        state.apply(new SessionEvent.ExpiryChanged(req.sessionExpirySeconds()));
        connection = attach.connection();
        writeCredits = services.settings().writeWindow();
        inflightLimit = Math.max(1, Math.min(req.clientReceiveMaximum(), services.settings().mqtt().maxInflight()));
        connection.tell(new Attached(sessionPresent, Set.copyOf(state.inboundQos2()), getContext().getSelf()));
        shared.connectionChanged(true);
        if (replaced == null) {
            resendInflight();
            pump();
        }
        return this;
    }

    /** The replaced connection is gone (or the grace ran out): resume delivery in order. */
    private Behavior<ShardMessage> takeoverSettled() {
        if (replaced != null) {
            replaced = null;
            timers.cancel(SessionCommand.TakeoverSettled.INSTANCE);
            if (connection != null) {
                resendInflight();
                pump();
            }
        }
        return this;
    }

    /** Acks of the current connection, and the last ones of a connection being taken over. */
    private boolean acksFrom(ActorRef<ConnectionOutput> from) {
        return from.equals(connection) || from.equals(replaced);
    }

    /** MQTT-4.4.0-1: on a resumed session, unacknowledged PUBLISH and PUBREL are re-sent in order. */
    private void resendInflight() {
        long now = System.currentTimeMillis();
        for (SessionState.Inflight f : state.inflight()) {
            if (f.received()) {
                connection.tell(new OutgoingPubRel(f.packetId()));
            } else {
                connection.tell(new Outgoing(publishOf(f.message(), f.packetId(), true, now)));
            }
            writeCredits--;
        }
    }

    private Behavior<ShardMessage> onDetach(Detach detach) {
        if (detach.connection().equals(replaced)) {
            return takeoverSettled(); // everything the old connection sent has been processed
        }
        if (!detach.connection().equals(connection)) {
            return this; // a connection that was already taken over
        }
        connection = null;
        if (detach.newSessionExpirySeconds() != null) {
            state.apply(new SessionEvent.ExpiryChanged(detach.newSessionExpirySeconds()));
        }
        long expiry = state.sessionExpirySeconds();
        will.connectionClosed(detach.publishWill(), expiry); // MQTT-3.1.2-10: a normal DISCONNECT discards it
        shared.connectionChanged(false);
        if (expiry == 0) {
            endSession();
        } else if (expiry != ConnectRequest.NEVER_EXPIRES && expiry <= MAX_TIMER_SECONDS) {
            timers.startSingleTimer(SessionCommand.Expire.INSTANCE, Duration.ofSeconds(expiry));
        }
        return this;
    }

    private Behavior<ShardMessage> onExpire() {
        if (connection == null && exists) {
            services.metrics().increment(Counter.SESSIONS_EXPIRED);
            endSession();
        }
        return this;
    }

    /** The session ends: its subscriptions leave the hub and the entity passivates. */
    private void endSession() {
        will.sessionEnding(connection != null);
        subscriptions.removeAllFromHub();
        state.apply(SessionEvent.StateCleared.INSTANCE);
        exists = false;
        shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
    }

    private Behavior<ShardMessage> onStop() {
        if (connection != null) {
            // Passivation raced with a new attach: the client must reconnect to a fresh entity.
            connection.tell(new Kicked(ReasonCode.SERVER_BUSY));
        }
        return Behaviors.stopped();
    }

    private Behavior<ShardMessage> onDeliver(Deliver d) {
        if (!exists) {
            return this; // a route that outlived its session; the hub was already told
        }
        enqueue(new QueuedMessage(d.message(), d.qos(), d.retainAsPublished() && d.message().retain(),
                d.subscriptionIdentifiers()));
        pump();
        return this;
    }

    /** A shared subscription group chose this session; bounced when the subscription is gone. */
    private Behavior<ShardMessage> onDeliverShared(SessionCommand.DeliverShared d) {
        if (!exists || !state.subscriptions().containsKey(d.shareFilter())) {
            shared.bounce(d.message(), d.shareFilter());
            return this;
        }
        enqueue(new QueuedMessage(d.message(), d.qos(), d.retainAsPublished() && d.message().retain(),
                d.subscriptionIdentifiers(), d.shareFilter()));
        pump();
        return this;
    }

    private Behavior<ShardMessage> onDisconnectClient(SessionCommand.DisconnectClient d) {
        if (connection != null) {
            connection.tell(new ConnectionOutput.Disconnected(d.reason(), d.serverReference()));
        }
        return this;
    }

    private Behavior<ShardMessage> onRetainedFound(RetainedFound found) {
        List<Integer> ids = found.subscriptionIdentifier() == null ? List.of() : List.of(found.subscriptionIdentifier());
        long now = System.currentTimeMillis();
        for (RoutedMessage m : found.messages()) {
            if (MessageExpiry.isExpired(m, now)) {
                continue; // MQTT-3.3.2-5
            }
            // MQTT-3.3.1-8 / 3.1.1 MQTT-3.3.1-8: messages sent for a new subscription keep RETAIN set
            enqueue(new QueuedMessage(m, QoS.min(m.qos(), found.maxQos()), true, ids));
        }
        pump();
        return this;
    }

    /** Bounded queue: drop the oldest QoS 0 first, then refuse the newest; both counted. */
    private void enqueue(QueuedMessage m) {
        if (connection == null && m.qos() == QoS.AT_MOST_ONCE && !services.settings().mqtt().queueQos0Offline()) {
            services.metrics().increment(Counter.MESSAGES_DROPPED_QOS0_OFFLINE);
            services.metrics().messages().dropped(DropReason.QOS0_OFFLINE, m.qos());
            return;
        }
        if (m.qos() == QoS.AT_MOST_ONCE && state.queuedCount() > 0 && services.metrics().overloaded().get()) {
            // Above the memory high-water mark a client with a backlog is a slow consumer: shed its QoS 0 first.
            services.metrics().increment(Counter.MESSAGES_DROPPED_OVERLOAD);
            services.metrics().messages().dropped(DropReason.OVERLOAD, m.qos());
            return;
        }
        if (state.queuedCount() >= services.settings().mqtt().maxQueuedMessages()) {
            services.metrics().increment(Counter.MESSAGES_DROPPED_QUEUE_FULL);
            services.metrics().messages().dropped(DropReason.QUEUE_FULL,
                    state.queuedQos0() == 0 ? m.qos() : QoS.AT_MOST_ONCE);
            if (state.queuedQos0() == 0) {
                return; // nothing cheaper to give up: refuse the newest
            }
            state.apply(SessionEvent.OldestQos0Dropped.INSTANCE);
        }
        state.apply(new MessageEnqueued(m));
    }

    /** Hands queued messages to the connection while credit and the inflight window allow. */
    private void pump() {
        if (replaced != null) {
            return; // resumed in order once the takeover settles
        }
        long now = System.currentTimeMillis();
        while (connection != null && writeCredits > 0) {
            QueuedMessage head = state.peekQueued();
            if (head == null) {
                return;
            }
            if (MessageExpiry.isExpired(head.message(), now)) {
                state.apply(SessionEvent.QueuedHeadExpired.INSTANCE); // MQTT-3.3.2-5
                services.metrics().increment(Counter.MESSAGES_EXPIRED);
                services.metrics().messages().dropped(DropReason.EXPIRED, head.qos());
                continue;
            }
            int packetId = 0;
            if (head.qos() != QoS.AT_MOST_ONCE) {
                if (state.inflightCount() >= inflightLimit) {
                    return;
                }
                packetId = state.nextFreePacketId();
                if (packetId == 0) {
                    return;
                }
            }
            state.apply(new SessionEvent.MessageSent(packetId));
            if (!head.retain()) { // retained copies sent on subscribe would measure their age, not latency
                services.metrics().deliveryLatency().observeSince(head.message().receivedAtMicros());
            }
            connection.tell(new Outgoing(publishOf(head, packetId, false, now)));
            writeCredits--;
        }
    }

    private static Publish publishOf(QueuedMessage m, int packetId, boolean dup, long now) {
        RoutedMessage msg = m.message();
        Properties props = MessageExpiry.forwarded(msg, now); // MQTT-3.3.2-6
        if (!m.subscriptionIdentifiers().isEmpty()) {
            Properties.Builder b = props.toBuilder();
            m.subscriptionIdentifiers().forEach(b::subscriptionIdentifier);
            props = b.build();
        }
        return new Publish(msg.topic(), m.qos(), m.retain(), dup, packetId, msg.payload(), props);
    }

    private Behavior<ShardMessage> onPubAck(PubAckReceived ack) {
        SessionState.Inflight f = state.inflight(ack.packetId());
        if (acksFrom(ack.connection()) && f != null && f.message().qos() == QoS.AT_LEAST_ONCE) {
            state.apply(new SessionEvent.MessageAcknowledged(ack.packetId()));
            pump();
        }
        return this;
    }

    private Behavior<ShardMessage> onPubRec(PubRecReceived rec) {
        SessionState.Inflight f = state.inflight(rec.packetId());
        if (acksFrom(rec.connection()) && f != null && f.message().qos() == QoS.EXACTLY_ONCE) {
            state.apply(new SessionEvent.MessageReceived(rec.packetId()));
            if (replaced == null && connection != null) { // else the resume re-sends the PUBREL
                connection.tell(new OutgoingPubRel(rec.packetId()));
                writeCredits--;
            }
        }
        return this;
    }

    private Behavior<ShardMessage> onPubComp(PubCompReceived comp) {
        SessionState.Inflight f = state.inflight(comp.packetId());
        if (acksFrom(comp.connection()) && f != null && f.received()) {
            state.apply(new SessionEvent.MessageAcknowledged(comp.packetId()));
            pump();
        }
        return this;
    }

    private Behavior<ShardMessage> onDeliveryDropped(SessionCommand.DeliveryDropped dropped) {
        if (dropped.connection().equals(connection) && state.inflight(dropped.packetId()) != null) {
            state.apply(new SessionEvent.MessageAcknowledged(dropped.packetId()));
            pump();
        }
        return this;
    }

    private Behavior<ShardMessage> onWriteCredit(WriteCredit credit) {
        if (credit.connection().equals(connection)) {
            writeCredits += credit.count();
            pump();
        }
        return this;
    }

    // ---- admin queries (operations issue) ----

    private Behavior<ShardMessage> onGetInfo(SessionCommand.GetInfo query) {
        query.replyTo().tell(SessionInfo.of(clientId, exists, connection != null, state));
        passivateIfEmpty();
        return this;
    }

    /** An operator deletes the session: its client is disconnected (0x98) without its will. */
    private Behavior<ShardMessage> onDiscard(SessionCommand.Discard discard) {
        boolean existed = exists;
        if (connection != null) {
            connection.tell(new Kicked(ReasonCode.ADMINISTRATIVE_ACTION));
            connection = null;
            shared.connectionChanged(false);
        }
        replaced = null; // a takeover in progress has nothing left to resume
        timers.cancel(SessionCommand.TakeoverSettled.INSTANCE);
        will.connectionClosed(false, 0); // an operator's decision: the will is discarded, not published
        if (exists) {
            endSession();
        } else {
            passivateIfEmpty();
        }
        discard.replyTo().tell(new SessionCommand.Discarded(clientId, existed));
        return this;
    }

    /** A query woke an entity for a client that has no session: let it go again. */
    private void passivateIfEmpty() {
        if (!exists && connection == null) {
            shard.tell(new ClusterSharding.Passivate<>(getContext().getSelf()));
        }
    }

    boolean exists() {
        return exists;
    }

    SessionState state() {
        return state;
    }

    private Behavior<ShardMessage> applyFromCurrent(ActorRef<ConnectionOutput> from, SessionEvent event) {
        if (from.equals(connection)) {
            state.apply(event);
        }
        return this;
    }
}
