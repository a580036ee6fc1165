package dev.murmur.node.session;

import dev.murmur.node.metrics.Counter;
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
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
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
    private final SessionState state;
    private final SessionMode mode;
    private final SessionSubscriptions subscriptions;

    private boolean exists;
    private ActorRef<ConnectionOutput> connection;
    private int writeCredits;
    private int inflightLimit;

    public static Behavior<ShardMessage> create(String clientId, SessionServices services,
                                                ActorRef<ClusterSharding.ShardCommand> shard) {
        return create(clientId, services, shard, new TransientMode(services.hubFor(clientId), null));
    }

    /** A clean session in {@code mode} (which may hand a persistent attach to a journaled session). */
    public static Behavior<ShardMessage> create(String clientId, SessionServices services,
                                                ActorRef<ClusterSharding.ShardCommand> shard, SessionMode mode) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new SessionEntity(ctx, clientId, services, shard, timers, new SessionState(), mode)));
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
        this.subscriptions = new SessionSubscriptions(clientId, state, services, ctx.getSelf(), mode);
    }

    /**
     * A journaled session recovered {@code hadState}: it exists, and as no client is attached after
     * a restart, its expiry runs (on from the recorded disconnect, or afresh if it was connected).
     */
    public void recovered(boolean hadState) {
        exists = hadState;
        if (!hadState) {
            return;
        }
        long expiry = state.sessionExpirySeconds();
        if (expiry == ConnectRequest.NEVER_EXPIRES || expiry > MAX_TIMER_SECONDS) {
            return;
        }
        long remainingMillis = state.expiresAtMillis() > 0
                ? Math.max(0, state.expiresAtMillis() - System.currentTimeMillis())
                : Duration.ofSeconds(expiry).toMillis();
        timers.startSingleTimer(SessionCommand.Expire.INSTANCE, Duration.ofMillis(remainingMillis));
    }

    @Override
    public Receive<ShardMessage> createReceive() {
        return newReceiveBuilder()
                .onMessage(Deliver.class, this::onDeliver)
                .onMessage(SessionCommand.DeliverConfirmed.class, this::onDeliverConfirmed)
                .onMessage(PubAckReceived.class, this::onPubAck)
                .onMessage(PubRecReceived.class, this::onPubRec)
                .onMessage(PubCompReceived.class, this::onPubComp)
                .onMessage(WriteCredit.class, this::onWriteCredit)
                .onMessage(SessionCommand.DeliveryDropped.class, this::onDeliveryDropped)
                .onMessage(InboundQos2Stored.class, this::onInboundQos2Stored)
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
                .onMessageEquals(SessionCommand.Expire.INSTANCE, this::onExpire)
                .onMessageEquals(SessionCommand.Stop.INSTANCE, this::onStop)
                .build();
    }

    private Behavior<ShardMessage> onAttach(Attach attach) {
        ConnectRequest req = attach.request();
        if (mode.belongsElsewhere(req)) {
            handOver();
            return mode.attachElsewhere(attach);
        }
        if (connection != null && !connection.equals(attach.connection())) {
            // MQTT-3.1.4-3: the existing connection is disconnected (v5: 0x8E Session taken over).
            tell(connection, new Kicked(ReasonCode.SESSION_TAKEN_OVER));
            services.metrics().increment(Counter.SESSION_TAKEOVERS);
            publishWill();
        }
        timers.cancel(SessionCommand.Expire.INSTANCE);
        boolean sessionPresent = exists && !req.cleanStart();
        if (!sessionPresent) {
            subscriptions.removeAllFromHub();
            apply(SessionEvent.StateCleared.INSTANCE); // MQTT-3.1.2-4 / MQTT-3.1.2-5
        }
        exists = true;
        apply(req.will() == null ? SessionEvent.WillCleared.INSTANCE : new SessionEvent.WillSet(req.will()));
        apply(new SessionEvent.ExpiryChanged(req.sessionExpirySeconds()));
        connection = attach.connection();
        writeCredits = services.settings().writeWindow();
        inflightLimit = Math.max(1, Math.min(req.clientReceiveMaximum(), services.settings().mqtt().maxInflight()));
        tell(connection, new Attached(sessionPresent, Set.copyOf(state.inboundQos2()), getContext().getSelf()));
        resendInflight();
        pump();
        return this;
    }

    /**
     * Before the other kind of session (clean or persistent) takes this client id: the attached
     * connection is taken over, subscriptions leave the hub, and this session's state is gone.
     */
    private void handOver() {
        if (connection != null) {
            tell(connection, new Kicked(ReasonCode.SESSION_TAKEN_OVER));
            services.metrics().increment(Counter.SESSION_TAKEOVERS);
            publishWill();
            connection = null;
        }
        timers.cancel(SessionCommand.Expire.INSTANCE);
        subscriptions.removeAllFromHub();
        apply(SessionEvent.StateCleared.INSTANCE);
        exists = false;
    }

    /** MQTT-4.4.0-1: on a resumed session, unacknowledged PUBLISH and PUBREL are re-sent in order. */
    private void resendInflight() {
        for (SessionState.Inflight f : state.inflight()) {
            if (f.received()) {
                tell(connection, new OutgoingPubRel(f.packetId()));
            } else {
                tell(connection, new Outgoing(publishOf(f.message(), f.packetId(), true)));
            }
            writeCredits--;
        }
    }

    private Behavior<ShardMessage> onDetach(Detach detach) {
        if (!detach.connection().equals(connection)) {
            return this; // a connection that was already taken over
        }
        connection = null;
        if (detach.newSessionExpirySeconds() != null) {
            apply(new SessionEvent.ExpiryChanged(detach.newSessionExpirySeconds()));
        }
        if (detach.publishWill()) {
            publishWill();
        }
        apply(SessionEvent.WillCleared.INSTANCE); // MQTT-3.1.2-10: a normal DISCONNECT discards it
        long expiry = state.sessionExpirySeconds();
        if (expiry == 0) {
            endSession();
        } else if (expiry != ConnectRequest.NEVER_EXPIRES && expiry <= MAX_TIMER_SECONDS) {
            apply(new SessionEvent.ExpiryScheduled(System.currentTimeMillis() + Duration.ofSeconds(expiry).toMillis()));
            timers.startSingleTimer(SessionCommand.Expire.INSTANCE, Duration.ofSeconds(expiry));
        }
        return this;
    }

    private void publishWill() {
        Will will = state.will();
        if (will == null) {
            return;
        }
        Properties props = will.properties().has(PropertyId.WILL_DELAY_INTERVAL)
                ? will.properties().toBuilder().willDelayInterval(null).build()
                : will.properties();
        RoutedMessage message = new RoutedMessage(will.topic(), will.payload(), will.qos(), will.retain(), props,
                clientId, System.currentTimeMillis());
        mode.afterStored(() -> services.router().route(message));
        services.metrics().increment(Counter.WILLS_PUBLISHED);
        apply(SessionEvent.WillCleared.INSTANCE);
    }

    private Behavior<ShardMessage> onExpire() {
        if (connection == null && exists) {
            endSession();
        }
        return this;
    }

    /** The session ends: its subscriptions leave the hub and the entity passivates. */
    private void endSession() {
        subscriptions.removeAllFromHub();
        apply(SessionEvent.StateCleared.INSTANCE);
        exists = false;
        ActorRef<ShardMessage> self = getContext().getSelf();
        mode.ended(() -> shard.tell(new ClusterSharding.Passivate<>(self)));
    }

    private Behavior<ShardMessage> onStop() {
        if (connection != null) {
            // Passivation raced with a new attach: the client must reconnect to a fresh entity.
            tell(connection, new Kicked(ReasonCode.SERVER_BUSY));
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

    private Behavior<ShardMessage> onRetainedFound(RetainedFound found) {
        List<Integer> ids = found.subscriptionIdentifier() == null ? List.of() : List.of(found.subscriptionIdentifier());
        for (RoutedMessage m : found.messages()) {
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
            return;
        }
        if (state.queuedCount() >= services.settings().mqtt().maxQueuedMessages()) {
            services.metrics().increment(Counter.MESSAGES_DROPPED_QUEUE_FULL);
            if (state.queuedQos0() == 0) {
                return; // nothing cheaper to give up: refuse the newest
            }
            apply(SessionEvent.OldestQos0Dropped.INSTANCE);
        }
        apply(handOffId == 0 ? new MessageEnqueued(m) : new SessionEvent.MessageStored(m, handOffId));
    }

    /** Hands queued messages to the connection while credit and the inflight window allow. */
    private void pump() {
        while (connection != null && writeCredits > 0) {
            QueuedMessage head = state.peekQueued();
            if (head == null) {
                return;
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
            tell(connection, new Outgoing(publishOf(head, packetId, false)));
            writeCredits--;
        }
    }

    private static Publish publishOf(QueuedMessage m, int packetId, boolean dup) {
        RoutedMessage msg = m.message();
        Properties props = msg.properties();
        if (!m.subscriptionIdentifiers().isEmpty()) {
            Properties.Builder b = props.toBuilder();
            m.subscriptionIdentifiers().forEach(b::subscriptionIdentifier);
            props = b.build();
        }
        return new Publish(msg.topic(), m.qos(), m.retain(), dup, packetId, msg.payload(), props);
    }

    private Behavior<ShardMessage> onPubAck(PubAckReceived ack) {
        SessionState.Inflight f = state.inflight(ack.packetId());
        if (ack.connection().equals(connection) && f != null && f.message().qos() == QoS.AT_LEAST_ONCE) {
            apply(new SessionEvent.MessageAcknowledged(ack.packetId()));
            pump();
        }
        return this;
    }

    private Behavior<ShardMessage> onPubRec(PubRecReceived rec) {
        SessionState.Inflight f = state.inflight(rec.packetId());
        if (rec.connection().equals(connection) && f != null && f.message().qos() == QoS.EXACTLY_ONCE) {
            apply(new SessionEvent.MessageReceived(rec.packetId()));
            tell(connection, new OutgoingPubRel(rec.packetId()));
            writeCredits--;
        }
        return this;
    }

    private Behavior<ShardMessage> onPubComp(PubCompReceived comp) {
        SessionState.Inflight f = state.inflight(comp.packetId());
        if (comp.connection().equals(connection) && f != null && f.received()) {
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

    /** Changes the state; a persistent session journals the event before any effect of this command runs. */
    private void apply(SessionEvent event) {
        state.apply(event);
        mode.applied(event);
    }

    /** Tells the connection once the events so far are stored. */
    private void tell(ActorRef<ConnectionOutput> to, ConnectionOutput message) {
        mode.afterStored(() -> to.tell(message));
    }

    /** Inbound QoS 2 id awaiting PUBREL: kept (journaled) before the connection sends PUBREC. */
    private Behavior<ShardMessage> onInboundQos2Stored(InboundQos2Stored m) {
        if (m.connection().equals(connection)) {
            apply(new SessionEvent.InboundQos2Stored(m.packetId()));
            tell(connection, new ConnectionOutput.InboundQos2Recorded(m.packetId()));
        }
        return this;
    }

    private Behavior<ShardMessage> applyFromCurrent(ActorRef<ConnectionOutput> from, SessionEvent event) {
        if (from.equals(connection)) {
            apply(event);
        }
        return this;
    }
}
