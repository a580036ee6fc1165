package dev.murmur.node.session;

import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.ConnectionOutput.Attached;
import dev.murmur.node.session.ConnectionOutput.Kicked;
import dev.murmur.node.session.SessionCommand.Attach;
import dev.murmur.node.session.SessionCommand.Detach;
import dev.murmur.node.session.SessionCommand.InboundQos2Released;
import dev.murmur.node.session.SessionCommand.InboundQos2Stored;
import dev.murmur.node.session.SessionCommand.Subscribe;
import dev.murmur.node.session.SessionCommand.SubscriptionsRouted;
import dev.murmur.node.session.SessionCommand.Unsubscribe;
import dev.murmur.protocol.ReasonCode;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.CoordinatedShutdown;
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
 * cluster, which makes takeover correct by construction). Dispatches the session protocol and
 * runs the attach / detach / takeover / expiry lifecycle; the outbound queue and inflight window
 * are {@link SessionDelivery}'s, the watch on a connection that may die with its node
 * {@link ConnectionWatch}'s, the expiry timer {@link SessionExpiry}'s.
 */
public final class SessionEntity extends AbstractBehavior<ShardMessage> {
    private final String clientId;
    private final SessionServices services;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final TimerScheduler<ShardMessage> timers;
    private final SessionState state;
    private final SessionMode mode;
    private final SessionSubscriptions subscriptions;
    private final SessionWill will;
    private final SharedMembership shared;
    private final SessionDelivery delivery;
    private final ConnectionWatch watch;
    private final SessionExpiry expiry;

    private boolean exists;
    private ActorRef<ConnectionOutput> connection;
    /**
     * The connection being taken over: its last acknowledgements may still be on their way, so
     * the resend waits for its Detach (or the takeover grace) and its acks still count.
     */
    private ActorRef<ConnectionOutput> replaced;

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
        this.delivery = new SessionDelivery(this, state, services, shared, mode);
        this.watch = new ConnectionWatch(ctx, timers, services);
        this.expiry = new SessionExpiry(state, timers, mode);
    }

    /**
     * A journaled session recovered {@code hadState}: it exists, it rejoins its shared groups (they
     * live in memory), and as no client is attached after a restart its expiry runs.
     */
    public void recovered(boolean hadState) {
        exists = hadState;
        if (!hadState) {
            return;
        }
        if (state.online()) {
            watch.recoveredOnline();
        } else {
            will.recoveredOffline(state.disconnectedAtMillis());
        }
        subscriptions.rejoinSharedGroups();
        expiry.recovered();
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
        if (delivery.handle(msg)) {
            return this;
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
        if (watch.predecessorAnswered() && !attach.resume()) {
            // The predecessor died with a connection. A resume is that connection coming back; a
            // fresh CONNECT means it is gone, as in a takeover: only a will without delay goes out.
            will.takenOver();
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
            watch.unwatch(connection);
            timers.startSingleTimer(SessionCommand.TakeoverSettled.INSTANCE,
                    services.settings().mqtt().takeoverGrace());
        }
        expiry.cancel();
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
        watch.watch(connection);
        apply(SessionEvent.Connected.INSTANCE);
        delivery.attached(req);
        tell(connection, new Attached(sessionPresent, Set.copyOf(state.inboundQos2()), getContext().getSelf(),
                Map.copyOf(state.inboundQos2HandOffs())));
        shared.connectionChanged(true);
        if (replaced == null) {
            delivery.resume();
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
            watch.unwatch(connection);
            connection = null;
        }
        replaced = null;
        timers.cancel(SessionCommand.TakeoverSettled.INSTANCE);
        expiry.cancel();
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
                delivery.resume();
            }
        }
        return this;
    }

    private Behavior<ShardMessage> onDetach(Detach detach) {
        if (detach.connection().equals(replaced)) {
            return takeoverSettled(); // everything the old connection sent has been processed
        }
        if (!detach.connection().equals(connection)) {
            return this; // a connection that was already taken over
        }
        watch.unwatch(connection);
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
        if (connection != null || !exists || !watch.predecessorLost()) {
            return this;
        }
        services.metrics().increment(Counter.CONNECTIONS_LOST_WITH_NODE);
        apply(SessionEvent.Disconnected.INSTANCE);
        return connectionGone(true);
    }

    /** No connection any more: the will (unless discarded), then the expiry countdown. */
    private Behavior<ShardMessage> connectionGone(boolean publishWill) {
        long expirySeconds = state.sessionExpirySeconds();
        will.connectionClosed(publishWill, expirySeconds); // MQTT-3.1.2-10: a normal DISCONNECT discards it
        shared.connectionChanged(false);
        if (expirySeconds == 0) {
            endSession();
        } else {
            expiry.connectionClosed(expirySeconds);
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

    /** Only a connection that never sends its Detach (its node died) is lost at once: {@link ConnectionWatch}. */
    private Behavior<ShardMessage> onConnectionTerminated(SessionCommand.ConnectionTerminated t) {
        if (t.connection().equals(connection) && watch.lostNow(t.connection())) {
            return onConnectionLost(new SessionCommand.ConnectionLost(t.connection())); // no Detach can come
        }
        return this;
    }

    /** The network connection was lost without a DISCONNECT: as a Detach that publishes the will (MQTT-3.1.2-8). */
    private Behavior<ShardMessage> onConnectionLost(SessionCommand.ConnectionLost lost) {
        if (!lost.connection().equals(connection)) {
            return this;
        }
        services.metrics().increment(Counter.CONNECTIONS_LOST_WITH_NODE);
        return onDetach(new Detach(lost.connection(), true, null));
    }

    /** Inbound QoS 2 id awaiting PUBREL: kept (journaled) with its hand-off id before the connection routes it. */
    private Behavior<ShardMessage> onInboundQos2Stored(InboundQos2Stored m) {
        if (m.connection().equals(connection)) {
            apply(new SessionEvent.InboundQos2Stored(m.packetId(), m.handOffId()));
            tell(connection, new ConnectionOutput.InboundQos2Recorded(m.packetId()));
        }
        return this;
    }

    private Behavior<ShardMessage> onDisconnectClient(SessionCommand.DisconnectClient d) {
        if (connection != null) {
            tell(connection, new ConnectionOutput.Disconnected(d.reason(), d.serverReference()));
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
            watch.unwatch(connection);
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

    /** The attached connection, or null. */
    ActorRef<ConnectionOutput> connection() {
        return connection;
    }

    /** The connection being taken over, or null. */
    ActorRef<ConnectionOutput> replaced() {
        return replaced;
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
