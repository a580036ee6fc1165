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
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Signal;
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
    private final SessionState state;
    private final SessionMode mode;
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
    /** Recovered with a connection attached: the predecessor died with it; it may re-attach (resume) or be lost. */
    private boolean predecessorOnline;
    private int writeCredits;
    private int inflightLimit;

    public static Behavior<ShardMessage> create(String clientId, SessionServices services,
                                                ActorRef<ClusterSharding.ShardCommand> shard) {
        return create(clientId, services, shard, new TransientMode(services.hubFor(clientId), null));
    }

    /** A clean session in {@code mode} (which may hand a persistent attach to a journaled session). */
    public static Behavior<ShardMessage> create(String clientId, SessionServices services,
                                                ActorRef<ClusterSharding.ShardCommand> shard, SessionMode mode) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            SessionEntity entity = new SessionEntity(ctx, clientId, services, shard, timers, new SessionState(), mode);
            return withGauges(services, entity, entity);
        }));
    }

    /**
     * The session logic run inside a journaled session: that behavior feeds it commands through
     * {@link #createReceive()} and journals what {@code mode} collects.
     */
    public static SessionEntity embedded(ActorContext<ShardMessage> ctx, String clientId, SessionServices services,
                                         ActorRef<ClusterSharding.ShardCommand> shard,
                                         TimerScheduler<ShardMessage> timers, SessionState state, SessionMode mode) {
        return new SessionEntity(ctx, clientId, services, shard, timers, state, mode);
    }

    /** {@code behavior} (the entity itself, or the journaled session running it) with the node's session gauges. */
    public static Behavior<ShardMessage> withGauges(SessionServices services, SessionEntity entity,
                                                    Behavior<ShardMessage> behavior) {
        return Behaviors.intercept(() -> new SessionGauges(services.metrics(), entity), behavior);
    }

    private SessionEntity(ActorContext<ShardMessage> ctx, String clientId, SessionServices services,
                          ActorRef<ClusterSharding.ShardCommand> shard, TimerScheduler<ShardMessage> timers,
                          SessionState state, SessionMode mode) {
        super(ctx);
        this.clientId = clientId;
        this.services = services;
        this.shard = shard;
        this.timers = timers;
        this.state = state;
        this.mode = mode;
        this.shared = new SharedMembership(clientId, state, services, ctx.getSelf());
        this.subscriptions = new SessionSubscriptions(clientId, state, services, ctx.getSelf(), shared, mode);
        this.will = new SessionWill(clientId, state, services, timers, mode);
    }

    /**
     * A journaled session recovered {@code hadState}: it exists, it rejoins its shared groups (they
     * live in memory), and as no client is attached after a restart its expiry runs — on from the
     * recorded disconnect, or afresh if the client was connected when the node stopped.
     */
    public void recovered(boolean hadState) {
        exists = hadState;
        if (!hadState) {
            return;
        }
        if (state.online()) {
            predecessorOnline = true;
            timers.startSingleTimer(SessionCommand.PredecessorConnectionLost.INSTANCE,
                    services.settings().mqtt().reattachGrace());
        }
        subscriptions.rejoinSharedGroups();
        long expiry = state.sessionExpirySeconds();
        if (expiry == ConnectRequest.NEVER_EXPIRES || expiry > MAX_TIMER_SECONDS) {
            return;
        }
        long remainingMillis = state.expiresAtMillis() > 0
                ? Math.max(0, state.expiresAtMillis() - System.currentTimeMillis())
                : Duration.ofSeconds(expiry).toMillis();
        timers.startSingleTimer(SessionCommand.Expire.INSTANCE, Duration.ofMillis(remainingMillis));
    }

    /**
     * One small dispatcher per session rather than a ReceiveBuilder: the builder's case list is
     * built per instance (~1 KiB), and sessions are the most numerous actors of a node.
     */
    @Override
    public Receive<ShardMessage> createReceive() {
        return new Receive<>() {
            @Override
            public Behavior<ShardMessage> receiveMessage(ShardMessage msg) {
                return dispatch(msg);
            }

            @Override
            public Behavior<ShardMessage> receiveSignal(Signal signal) {
                return Behaviors.unhandled();
            }
        };
    }

    /** Hot delivery-path messages first. */
    private Behavior<ShardMessage> dispatch(ShardMessage msg) {
        if (msg instanceof Deliver m) {
            return onDeliver(m);
        } else if (msg instanceof SessionCommand.DeliverConfirmed m) {
            return onDeliverConfirmed(m);
        } else if (msg instanceof PubAckReceived m) {
            return onPubAck(m);
        } else if (msg instanceof WriteCredit m) {
            return onWriteCredit(m);
        } else if (msg instanceof PubRecReceived m) {
            return onPubRec(m);
        } else if (msg instanceof PubCompReceived m) {
            return onPubComp(m);
        } else if (msg instanceof SessionCommand.DeliveryDropped m) {
            return onDeliveryDropped(m);
        } else if (msg instanceof InboundQos2Stored m) {
            return onInboundQos2Stored(m);
        } else if (msg instanceof InboundQos2Released m) {
            return applyFromCurrent(m.connection(), new SessionEvent.InboundQos2Released(m.packetId()));
        } else if (msg instanceof Attach m) {
            return onAttach(m);
        } else if (msg instanceof Detach m) {
            return onDetach(m);
        } else if (msg instanceof Subscribe m) {
            if (m.connection().equals(connection)) {
                subscriptions.subscribe(m, connection);
            }
            return this;
        } else if (msg instanceof SubscriptionsRouted m) {
            subscriptions.routed(m, connection);
            return this;
        } else if (msg instanceof Unsubscribe m) {
            if (m.connection().equals(connection)) {
                subscriptions.unsubscribe(m, connection);
            }
            return this;
        } else if (msg instanceof RetainedFound m) {
            return onRetainedFound(m);
        } else if (msg instanceof SessionCommand.DeliverShared m) {
            return onDeliverShared(m);
        } else if (msg instanceof SessionCommand.DisconnectClient m) {
            return onDisconnectClient(m);
        } else if (msg == SessionCommand.WillDelayElapsed.INSTANCE) {
            will.delayElapsed(connection != null);
            return this;
        } else if (msg instanceof SessionCommand.GetInfo m) {
            return onGetInfo(m);
        } else if (msg instanceof SessionCommand.Discard m) {
            return onDiscard(m);
        } else if (msg == SessionCommand.Expire.INSTANCE) {
            return onExpire();
        } else if (msg == SessionCommand.TakeoverSettled.INSTANCE) {
            return takeoverSettled();
        } else if (msg instanceof SessionCommand.ConnectionTerminated m) {
            return onConnectionTerminated(m);
        } else if (msg instanceof SessionCommand.ConnectionLost m) {
            return onConnectionLost(m);
        } else if (msg == SessionCommand.Stop.INSTANCE) {
            return onStop();
        } else if (msg == SessionCommand.PredecessorConnectionLost.INSTANCE) {
            return onPredecessorConnectionLost();
        } else if (msg == SessionCommand.WakeUp.INSTANCE) {
            return this; // starting (and so recovering) the entity was the point
        }
        return Behaviors.unhandled();
    }

    private Behavior<ShardMessage> onAttach(Attach attach) {
        ConnectRequest req = attach.request();
        if (attach.connection().equals(connection)) {
            return this; // a repeat (the connection re-sends until answered): the first Attached is on its way
        }
        if (attach.resume() && connection != null) {
            // the client connected again elsewhere while its old connection was re-attaching: the newer one wins
            tell(attach.connection(), new Kicked(ReasonCode.SESSION_TAKEN_OVER));
            return this;
        }
        if (predecessorOnline) {
            // The predecessor died with a connection. A resume is that connection coming back; a
            // fresh CONNECT means it is gone, as in a takeover: only a will without delay goes out.
            predecessorOnline = false;
            timers.cancel(SessionCommand.PredecessorConnectionLost.INSTANCE);
            if (!attach.resume()) {
                will.takenOver();
            }
        }
        if (mode.belongsElsewhere(req)) {
            handOver();
            return mode.attachElsewhere(attach);
        }
        if (connection != null && !connection.equals(attach.connection())) {
            // MQTT-3.1.4-3: the existing connection is disconnected (v5: 0x8E Session taken over).
            tell(connection, new Kicked(ReasonCode.SESSION_TAKEN_OVER));
            services.metrics().increment(Counter.SESSION_TAKEOVERS);
            will.takenOver();
            replaced = connection;
            unwatch(connection);
            timers.startSingleTimer(SessionCommand.TakeoverSettled.INSTANCE,
                    services.settings().mqtt().takeoverGrace());
        }
        timers.cancel(SessionCommand.Expire.INSTANCE);
        will.connectionOpened();
        boolean sessionPresent = exists && !req.cleanStart();
        if (!sessionPresent) {
            subscriptions.removeAllFromHub();
            apply(SessionEvent.StateCleared.INSTANCE); // MQTT-3.1.2-4 / MQTT-3.1.2-5
        }
        exists = true;
        apply(req.will() == null ? SessionEvent.WillCleared.INSTANCE : new SessionEvent.WillSet(req.will()));
        apply(new SessionEvent.ExpiryChanged(req.sessionExpirySeconds()));
        connection = attach.connection();
        watch(connection);
        apply(SessionEvent.Connected.INSTANCE);
        writeCredits = services.settings().writeWindow();
        inflightLimit = Math.max(1, Math.min(req.clientReceiveMaximum(), services.settings().mqtt().maxInflight()));
        tell(connection, new Attached(sessionPresent, Set.copyOf(state.inboundQos2()), getContext().getSelf(),
                Map.copyOf(state.inboundQos2HandOffs())));
        shared.connectionChanged(true);
        if (replaced == null) {
            resendInflight();
            pump();
        }
        return this;
    }

    /**
     * Before the other kind of session (clean or persistent) takes this client id: the attached
     * connection is taken over, subscriptions leave the hub, and this session's state is gone.
     */
    private void handOver() {
        if (connection != null) {
            tell(connection, new Kicked(ReasonCode.SESSION_TAKEN_OVER)); // MQTT-3.1.4-3
            services.metrics().increment(Counter.SESSION_TAKEOVERS);
            will.takenOver();
            unwatch(connection);
            connection = null;
        }
        replaced = null;
        timers.cancel(SessionCommand.TakeoverSettled.INSTANCE);
        timers.cancel(SessionCommand.Expire.INSTANCE);
        subscriptions.removeAllFromHub();
        apply(SessionEvent.StateCleared.INSTANCE);
        exists = false;
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
                tell(connection, new OutgoingPubRel(f.packetId()));
            } else {
                tell(connection, new Outgoing(publishOf(f.message(), f.packetId(), true, now)));
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
        unwatch(connection);
        connection = null;
        apply(SessionEvent.Disconnected.INSTANCE);
        if (detach.newSessionExpirySeconds() != null) {
            apply(new SessionEvent.ExpiryChanged(detach.newSessionExpirySeconds()));
        }
        return connectionGone(detach.publishWill());
    }

    /**
     * A session recovered after its node died with a connection attached, and no connection came
     * back within mqtt.reattach-grace: that connection is lost (its socket was on the dead node),
     * so its will is published and its expiry starts, as for any lost connection (MQTT-3.1.2-8).
     */
    private Behavior<ShardMessage> onPredecessorConnectionLost() {
        if (!predecessorOnline || connection != null || !exists) {
            return this;
        }
        predecessorOnline = false;
        services.metrics().increment(Counter.CONNECTIONS_LOST_WITH_NODE);
        apply(SessionEvent.Disconnected.INSTANCE);
        return connectionGone(true);
    }

    /** No connection any more: the will (unless discarded), then the expiry countdown. */
    private Behavior<ShardMessage> connectionGone(boolean publishWill) {
        long expiry = state.sessionExpirySeconds();
        will.connectionClosed(publishWill, expiry); // MQTT-3.1.2-10: a normal DISCONNECT discards it
        shared.connectionChanged(false);
        if (expiry == 0) {
            endSession();
        } else if (expiry != ConnectRequest.NEVER_EXPIRES && expiry <= MAX_TIMER_SECONDS) {
            apply(new SessionEvent.ExpiryScheduled(System.currentTimeMillis() + Duration.ofSeconds(expiry).toMillis()));
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
        apply(SessionEvent.StateCleared.INSTANCE);
        exists = false;
        ActorRef<ShardMessage> self = getContext().getSelf();
        mode.ended(() -> shard.tell(new ClusterSharding.Passivate<>(self)));
    }

    private Behavior<ShardMessage> onStop() {
        if (connection != null) {
            // The shard moves (a rebalance, or its node leaves the cluster). A client of the leaving
            // node itself is told that its server shuts down. One elsewhere keeps its socket: a
            // journaled session continues on the new node and the connection attaches to it
            // again; a clean one's state ends here, so its client must start over (0x89).
            boolean leaving = connection.path().address().hasLocalScope()
                    && CoordinatedShutdown.get(getContext().getSystem()).getShutdownReason().isPresent();
            if (leaving) {
                // The connection closes with its node and its Detach would reach a stopped entity:
                // journal here what it would have said (gone, will discarded as on server shutdown),
                // so the successor does not take this for a connection lost with a dead node.
                apply(SessionEvent.Disconnected.INSTANCE);
                will.connectionClosed(false, state.sessionExpirySeconds());
                tell(connection, new Kicked(ReasonCode.SERVER_SHUTTING_DOWN));
            } else if (mode.durable()) {
                tell(connection, ConnectionOutput.SessionMoved.INSTANCE);
            } else {
                tell(connection, new Kicked(ReasonCode.SERVER_BUSY));
            }
        }
        return Behaviors.stopped();
    }

    // ---- the connection's node may die with it (issue 10) ----

    /**
     * DeathWatch on the attached connection: when its node is downed no Detach will ever come, and
     * without this the session would think its client connected forever (no will, no expiry).
     */
    private void watch(ActorRef<ConnectionOutput> c) {
        getContext().unwatch(c); // re-attach of the same stage: watchWith refuses a second message
        getContext().watchWith(c, new SessionCommand.ConnectionTerminated(c));
    }

    private void unwatch(ActorRef<ConnectionOutput> c) {
        getContext().unwatch(c);
        timers.cancel(lostTimerKey(c));
    }

    /**
     * Terminated can overtake the connection's own Detach (system messages go first), so a normal
     * end waits for it; only a connection that never sends one — its node died — is lost.
     */
    private Behavior<ShardMessage> onConnectionTerminated(SessionCommand.ConnectionTerminated t) {
        if (!t.connection().equals(connection)) {
            return this;
        }
        if (nodeGone(t.connection().path().address())) {
            return onConnectionLost(new SessionCommand.ConnectionLost(t.connection())); // no Detach can come
        }
        timers.startSingleTimer(lostTimerKey(t.connection()), new SessionCommand.ConnectionLost(t.connection()),
                services.settings().mqtt().takeoverGrace());
        return this;
    }

    /** The connection's node was downed or removed (remote DeathWatch fires on removal). */
    private boolean nodeGone(Address node) {
        if (node.hasLocalScope()) {
            return false;
        }
        for (Member m : Cluster.get(getContext().getSystem()).state().getMembers()) {
            if (m.address().equals(node)) {
                return m.status() == MemberStatus.down() || m.status() == MemberStatus.removed();
            }
        }
        return true;
    }

    /** The network connection was lost without a DISCONNECT: as a Detach that publishes the will (MQTT-3.1.2-8). */
    private Behavior<ShardMessage> onConnectionLost(SessionCommand.ConnectionLost lost) {
        if (!lost.connection().equals(connection)) {
            return this;
        }
        services.metrics().increment(Counter.CONNECTIONS_LOST_WITH_NODE);
        return onDetach(new Detach(lost.connection(), true, null));
    }

    private static String lostTimerKey(ActorRef<ConnectionOutput> c) {
        return "connection-lost:" + c.path();
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

    /** A hand-off the publisher waits on: store it once, then confirm (every copy, so retries settle). */
    private Behavior<ShardMessage> onDeliverConfirmed(SessionCommand.DeliverConfirmed dc) {
        Deliver d = dc.deliver();
        if (exists && !state.storedHandOff(dc.handOffId())) {
            enqueue(new QueuedMessage(d.message(), d.qos(), d.retainAsPublished() && d.message().retain(),
                    d.subscriptionIdentifiers()), dc.handOffId());
            pump();
        }
        ActorRef<ConnectionOutput> to = dc.confirmTo();
        ConnectionOutput.SessionConfirmed confirmed = new ConnectionOutput.SessionConfirmed(dc.handOffId(), dc.shard(),
                dc.attempt());
        mode.afterStored(() -> to.tell(confirmed));
        return this;
    }

    /** Inbound QoS 2 id awaiting PUBREL: kept (journaled) with its hand-off id before the connection routes it. */
    private Behavior<ShardMessage> onInboundQos2Stored(InboundQos2Stored m) {
        if (m.connection().equals(connection)) {
            apply(new SessionEvent.InboundQos2Stored(m.packetId(), m.handOffId()));
            tell(connection, new ConnectionOutput.InboundQos2Recorded(m.packetId()));
        }
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
            tell(connection, new ConnectionOutput.Disconnected(d.reason(), d.serverReference()));
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

    private void enqueue(QueuedMessage m) {
        enqueue(m, 0);
    }

    /** Bounded queue: drop the oldest QoS 0 first, then refuse the newest; both counted. */
    private void enqueue(QueuedMessage m, long handOffId) {
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
            apply(SessionEvent.OldestQos0Dropped.INSTANCE);
        }
        apply(handOffId == 0 ? new MessageEnqueued(m) : new SessionEvent.MessageStored(m, handOffId));
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
                apply(SessionEvent.QueuedHeadExpired.INSTANCE); // MQTT-3.3.2-5
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
            apply(new SessionEvent.MessageSent(packetId));
            if (!head.retain()) { // retained copies sent on subscribe would measure their age, not latency
                services.metrics().deliveryLatency().observeSince(head.message().receivedAtMicros());
            }
            tell(connection, new Outgoing(publishOf(head, packetId, false, now)));
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
            apply(new SessionEvent.MessageAcknowledged(ack.packetId()));
            pump();
        }
        return this;
    }

    private Behavior<ShardMessage> onPubRec(PubRecReceived rec) {
        SessionState.Inflight f = state.inflight(rec.packetId());
        if (acksFrom(rec.connection()) && f != null && f.message().qos() == QoS.EXACTLY_ONCE) {
            apply(new SessionEvent.MessageReceived(rec.packetId()));
            if (replaced == null && connection != null) { // else the resume re-sends the PUBREL
                tell(connection, new OutgoingPubRel(rec.packetId()));
                writeCredits--;
            }
        }
        return this;
    }

    private Behavior<ShardMessage> onPubComp(PubCompReceived comp) {
        SessionState.Inflight f = state.inflight(comp.packetId());
        if (acksFrom(comp.connection()) && f != null && f.received()) {
            apply(new SessionEvent.MessageAcknowledged(comp.packetId()));
            pump();
        }
        return this;
    }

    private Behavior<ShardMessage> onDeliveryDropped(SessionCommand.DeliveryDropped dropped) {
        if (dropped.connection().equals(connection) && state.inflight(dropped.packetId()) != null) {
            apply(new SessionEvent.MessageAcknowledged(dropped.packetId()));
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
            tell(connection, new Kicked(ReasonCode.ADMINISTRATIVE_ACTION));
            unwatch(connection);
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
            ActorRef<ShardMessage> self = getContext().getSelf();
            mode.afterStored(() -> shard.tell(new ClusterSharding.Passivate<>(self)));
        }
    }

    boolean exists() {
        return exists;
    }

    SessionState state() {
        return state;
    }

    /** Changes the state; a persistent session journals the event before any effect of this command runs. */
    private void apply(SessionEvent event) {
        state.apply(event);
        mode.applied(event);
    }

    /** Tells the connection once the events so far are stored. */
    private void tell(ActorRef<ConnectionOutput> to, ConnectionOutput message) {
        mode.afterStored(() -> to.tell(message));
    }

    private Behavior<ShardMessage> applyFromCurrent(ActorRef<ConnectionOutput> from, SessionEvent event) {
        if (from.equals(connection)) {
            apply(event);
        }
        return this;
    }
}
