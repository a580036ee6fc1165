package dev.murmur.node.connection;

import dev.murmur.node.logging.MdcLogger;
import dev.murmur.node.auth.Peer;
import dev.murmur.node.limits.PublishThrottle;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.japi.function.Procedure;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.runtime.BoxedUnit;

/**
 * The protocol of one connection: CONNECT first and in time, keep-alive, inbound QoS flows,
 * the hand-off to and from the session, and every way a connection ends. Runs inside the
 * stream's actor, so none of its state needs locking. This class reads the socket, dispatches
 * packets and session messages, and writes; the steps live beside it and run on this stage too:
 * {@link ConnectFlow} (CONNECT to CONNACK, re-attach), {@link InboundPublish}, {@link SubscribeFlow},
 * {@link ClientWriter} (encoding for the client), {@link KeepAlive} and {@link ConnectionEnd}.
 */
final class ConnectionLogic extends TimerGraphStageLogic {
    private static final Logger BASE_LOG = LoggerFactory.getLogger(ConnectionLogic.class);
    /** Per connection: puts client_id and remote into the MDC around each line (operations issue). */
    private final Logger LOG;
    static final String CONNECT_TIMER = "connect-timeout";
    private static final String HAND_OFF_TIMER = "hand-off-retry";
    private static final String THROTTLE_TIMER = "publish-throttle";

    enum Phase { AWAIT_CONNECT, CONNECTING, AUTHENTICATING, CONNECTED, CLOSING }

    private final Inlet<ByteString> in;
    private final Outlet<ByteString> out;
    private final ConnectionServices services;
    /** The client as the edge knows it; logs print its real address (after any PROXY header). */
    private final Peer remote;
    private final Runnable onClose;
    private final MqttDecoder decoder;
    /** Usually holds zero or one chunk; starts small because every connection has one. */
    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>(2);
    private final OutboundBuffer outbound = new OutboundBuffer();
    private final int maxBufferedPackets;
    private final ConnectFlow connect;
    private final KeepAlive keepAlive;
    private final ConnectionEnd end;

    private Phase phase = Phase.AWAIT_CONNECT;
    private ActorRef<ConnectionOutput> self;
    private RecipientRef<ShardMessage> session;
    private boolean attachSent;
    private boolean counted;
    /** Bytes the decoder consumed towards the packet it has not finished yet. */
    private int pendingPacketBytes;
    private Set<Integer> inboundQos2 = new HashSet<>();
    private final HandOffs handOffs = new HandOffs();
    private boolean handOffTimerActive;
    /** Reading is paused until the publish quota recovers. */
    private boolean throttled;
    /** Envelopes sent to shard hubs and not yet acknowledged: reading pauses at the window. */
    private int routesInFlight;
    private final int routeWindow;

    ConnectionLogic(FlowShape<ByteString, ByteString> shape, ConnectionServices services, Peer remote,
                    boolean overQuota, Runnable onClose) {
        super(shape);
        this.in = shape.in();
        this.out = shape.out();
        this.services = services;
        this.remote = remote;
        this.LOG = new MdcLogger(BASE_LOG, this::clientId, () -> ClientConnection.address(remote.address()));
        this.onClose = onClose;
        this.decoder = MqttDecoder.forServer(services.settings().mqtt().maxPacketSize());
        this.maxBufferedPackets = services.settings().writeWindow() * 2;
        this.routeWindow = services.settings().publisherWindow();
        this.keepAlive = new KeepAlive(this, remote);
        this.connect = new ConnectFlow(this, services, remote, overQuota, keepAlive);
        this.end = new ConnectionEnd(this, services, remote);
        setHandler(in, new AbstractInHandler() {
            @Override
            public void onPush() {
                ByteString bytes = grab(in);
                services.metrics().add(Counter.BYTES_RECEIVED, bytes.size());
                keepAlive.read();
                for (ByteBuffer b : bytes.getByteBuffers()) {
                    input.addLast(b);
                }
                processInput();
            }

            @Override
            public void onUpstreamFinish() {
                close("peer_closed", null);
            }

            @Override
            public void onUpstreamFailure(Throwable ex) {
                LOG.debug("event=socket_failed client_id={} remote={} cause={}", clientId(), remote, ex.toString());
                close("socket_failed", null);
            }
        });
        setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
                flush();
                processInput();
            }

            @Override
            public void onDownstreamFinish(Throwable cause) {
                completeStage();
            }
        });
    }

    @Override
    public void preStart() {
        ActorRef<Object> stageRef = Adapter.toTyped(getStageActor(msg -> {
            onMessage(msg._2());
            return BoxedUnit.UNIT;
        }).ref());
        self = stageRef.unsafeUpcast();
        services.registry().register(stageActor().ref());
        services.metrics().increment(Counter.CONNECTIONS_OPENED);
        scheduleOnce(CONNECT_TIMER, services.settings().mqtt().connectTimeout());
        pull(in);
    }

    @Override
    public void postStop() {
        services.registry().unregister(stageActor().ref());
        if (attachSent) {
            session.tell(end.detach(self));
        }
        if (counted) {
            services.metrics().connectionsCurrent().decrementAndGet();
        }
        services.metrics().increment(Counter.CONNECTIONS_CLOSED);
        services.metrics().closeReasons().closed(end.closeReason());
        onClose.run();
    }

    // ---- input ----

    private void processInput() {
        while ((phase == Phase.AWAIT_CONNECT || phase == Phase.CONNECTED || phase == Phase.AUTHENTICATING)
                && outbound.size() < maxBufferedPackets && routesInFlight < routeWindow && !input.isEmpty()
                && !throttled && heldForSession == null) {
            ByteBuffer buf = input.peekFirst();
            if (!buf.hasRemaining()) {
                input.pollFirst();
                continue;
            }
            int before = buf.position();
            DecodeResult r = decoder.decode(buf);
            pendingPacketBytes += buf.position() - before;
            if (r instanceof DecodeResult.Decoded d) {
                services.metrics().increment(Counter.PACKETS_RECEIVED);
                services.metrics().packets().received(d.packet().type(), pendingPacketBytes);
                pendingPacketBytes = 0;
                if (connect.reattaching() && needsSession(d.packet())) {
                    heldForSession = d.packet(); // one packet, then TCP backpressure: bounded
                } else {
                    onPacket(d.packet());
                }
            } else if (r instanceof DecodeResult.Failed f) {
                end.decodeFailed(f);
            } else {
                input.pollFirst(); // NeedMoreData: this buffer is consumed, partial bytes kept
            }
        }
        if (input.isEmpty() && phase != Phase.CLOSING && !throttled && !hasBeenPulled(in) && !isClosed(in)) {
            pull(in);
        }
    }

    private void onPacket(MqttPacket p) {
        if (phase == Phase.AWAIT_CONNECT) {
            connect.onConnect((Connect) p); // the server-side decoder only yields CONNECT first (MQTT-3.1.0-1)
            return;
        }
        if (phase == Phase.AUTHENTICATING) {
            connect.onPacketWhileAuthenticating(p);
            return;
        }
        if (p instanceof Publish pub) {
            InboundPublish.handle(this, pub);
            throttle(pub);
        } else if (p instanceof PubAck a) {
            session.tell(new SessionCommand.PubAckReceived(self, a.packetId()));
        } else if (p instanceof PubRec r) {
            session.tell(new SessionCommand.PubRecReceived(self, r.packetId()));
        } else if (p instanceof PubComp c) {
            session.tell(new SessionCommand.PubCompReceived(self, c.packetId()));
        } else if (p instanceof PubRel rel) {
            InboundPublish.release(this, rel);
        } else if (p instanceof Subscribe s) {
            SubscribeFlow.subscribe(this, s);
        } else if (p instanceof Unsubscribe u) {
            SubscribeFlow.unsubscribe(this, u);
        } else if (p instanceof PingReq) {
            send(PingResp.INSTANCE, false); // MQTT-3.12.4-1
        } else if (p instanceof Disconnect d) {
            end.onDisconnect(d);
        } else if (p instanceof Auth a && connect.enhancedAuthentication()) {
            connect.reauthenticate(a); // re-authentication (MQTT 5.0 4.12.1)
        } else {
            // AUTH without an authentication method in CONNECT (MQTT 5.0 4.12): protocol error
            protocolViolation(ReasonCode.PROTOCOL_ERROR, "unexpected " + p.type());
        }
    }

    /** v5: DISCONNECT with the reason, then close; 3.1.1: close (MQTT-4.8.0-1, MQTT-4.13.1-1). */
    void protocolViolation(ReasonCode code, String detail) {
        end.protocolViolation(code, detail);
    }

    // ---- messages from the session and the node ----

    private void onMessage(Object msg) {
        if (msg instanceof ConnectionOutput.Outgoing o) {
            ClientWriter.sendToClient(this, o.publish());
        } else if (msg instanceof ConnectionOutput.OutgoingPubRel r) {
            send(new PubRel(r.packetId(), ReasonCode.SUCCESS, Properties.EMPTY), true);
        } else if (msg instanceof ConnectionOutput.Routed r) {
            routesInFlight -= r.count();
            processInput();
        } else if (msg instanceof ConnectionOutput.SubscribeDone s) {
            SubscribeFlow.subscribed(this, s);
        } else if (msg instanceof ConnectionOutput.UnsubscribeDone u) {
            SubscribeFlow.unsubscribed(this, u);
        } else if (msg instanceof ConnectionOutput.Attached a) {
            connect.onAttached(a);
        } else if (msg == ConnectionOutput.SessionMoved.INSTANCE) {
            if (phase == Phase.CONNECTED) {
                LOG.info("event=session_moved client_id={} remote={}", clientId(), remote);
                connect.reattach();
            }
        } else if (msg instanceof ConnectionOutput.Kicked k) {
            end.kicked(k);
        } else if (msg instanceof ConnectionOutput.InboundQos2Recorded r) {
            InboundPublish.recorded(this, r);
        } else if (msg instanceof ConnectionOutput.HubConfirmed || msg instanceof ConnectionOutput.SessionConfirmed) {
            InboundPublish.confirmed(this, (ConnectionOutput) msg);
        } else if (msg instanceof ConnectionOutput.Disconnected d) {
            end.disconnected(d);
        } else if (msg == AdminDisconnect.INSTANCE) {
            end.adminDisconnect();
        } else if (msg == ServerShutdown.INSTANCE) {
            end.serverShutdown();
        } else if (msg instanceof org.apache.pekko.actor.Terminated t) {
            connect.sessionTerminated(t);
        }
    }

    /** Client input waited while the connection re-attached; let it flow again. */
    /** Decoded while re-attaching and needing the session: handled once the successor answered. */
    private MqttPacket heldForSession;

    void resumeInput() {
        MqttPacket held = heldForSession;
        heldForSession = null;
        if (held != null) {
            onPacket(held);
        }
        processInput();
    }

    /**
     * While re-attaching, PINGREQ and QoS 0/1 PUBLISHes go on (the client's keep-alive must not
     * run out during a slow shard move, and routing needs no session); the first packet that
     * must reach the session waits for the successor, and reading stops behind it.
     */
    private static boolean needsSession(MqttPacket p) {
        return !(p instanceof PingReq) && !(p instanceof Publish pub && pub.qos() != QoS.EXACTLY_ONCE);
    }

    /** Encodes {@code p} for the client and queues it; {@code fromSession}: returned as write credit once written. */
    void send(MqttPacket p, boolean fromSession) {
        ClientWriter.send(this, p, fromSession);
    }

    /** Writes what is queued when the socket wants more; what came from the session returns as write credit. */
    void flush() {
        if (!outbound.isEmpty() && isAvailable(out)) {
            ByteString bytes = outbound.drain();
            services.metrics().add(Counter.BYTES_SENT, bytes.size());
            push(out, bytes);
            int credit = outbound.takeSessionCredit();
            if (credit > 0 && session != null && !end.kicked()) {
                session.tell(new SessionCommand.WriteCredit(self, credit));
            }
        }
        if (phase == Phase.CLOSING && outbound.isEmpty()) {
            completeStage(); // MQTT-3.14.4-1 / -2: what was queued is written, then the socket closes
        }
    }

    /** Ends the connection: optional v5 DISCONNECT, flush what is queued, close the socket. */
    void close(String why, ReasonCode disconnectReason) {
        end.close(why, disconnectReason);
    }

    /** The connection is closing: no more input, and the socket closes once the queue is written. */
    void stopReading() {
        input.clear();
        cancel(in);
        flush();
    }

    /** A hand-off is waiting: check for overdue confirmations periodically while any wait. */
    void handOffStarted() {
        if (!handOffTimerActive) {
            handOffTimerActive = true;
            Duration every = services.router().handOffTimeout();
            scheduleWithFixedDelay(HAND_OFF_TIMER, every, every);
        }
    }

    /** Over the publish quota: stop reading until it is paid off (backpressure), or end a persistent offender. */
    private void throttle(Publish p) {
        PublishThrottle.Verdict v = guard().onPublish(p);
        if (v instanceof PublishThrottle.Pause pause && phase == Phase.CONNECTED) {
            throttled = true;
            services.metrics().increment(Counter.CLIENTS_THROTTLED);
            scheduleOnce(THROTTLE_TIMER, Duration.ofNanos(pause.nanos()));
        } else if (v == PublishThrottle.Disconnect.INSTANCE) {
            services.metrics().increment(Counter.RATE_LIMIT_DISCONNECTS);
            LOG.info("event=rate_limit_exceeded client_id={} remote={}", clientId(), remote);
            close("rate_limited", ReasonCode.MESSAGE_RATE_TOO_HIGH);
        }
    }

    @Override
    public void onTimer(Object key) {
        if (HAND_OFF_TIMER.equals(key)) {
            InboundPublish.retryDue(this);
            if (handOffs.isEmpty()) {
                cancelTimer(HAND_OFF_TIMER);
                handOffTimerActive = false;
            }
            return;
        }
        if (ConnectFlow.ATTACH_TIMER.equals(key)) {
            connect.retryAttach();
            return;
        }
        if (THROTTLE_TIMER.equals(key)) {
            throttled = false;
            processInput();
            return;
        }
        if (CONNECT_TIMER.equals(key) && (phase == Phase.AWAIT_CONNECT || phase == Phase.AUTHENTICATING)) {
            services.metrics().increment(Counter.CONNECT_TIMEOUTS);
            LOG.info("event=connect_timeout remote={}", remote);
            close("connect_timeout", null);
        } else if (KeepAlive.TIMER.equals(key) && phase == Phase.CONNECTED) {
            keepAlive.due();
        }
    }

    // ---- for the steps beside this class (ConnectFlow, ConnectionEnd, InboundPublish, ...) ----

    Logger log() {
        return LOG;
    }

    Phase phase() {
        return phase;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    void scheduleTimer(String key, Duration delay) {
        scheduleOnce(key, delay);
    }

    void stopTimer(String key) {
        cancelTimer(key);
    }

    /** A callback that runs {@code handler} on this stage, whichever thread invokes it. */
    <T> AsyncCallback<T> inStage(Procedure<T> handler) {
        return createAsyncCallback(handler);
    }

    ConnectFlow connectFlow() {
        return connect;
    }

    ConnectionEnd end() {
        return end;
    }

    OutboundBuffer outbound() {
        return outbound;
    }

    void session(RecipientRef<ShardMessage> session) {
        this.session = session;
    }

    /** An Attach went out: the session hears the Detach when this stage stops. */
    void attachSent() {
        attachSent = true;
    }

    /** The client is connected: counted until the stage stops. */
    void counted() {
        counted = true;
        services.metrics().connectionsCurrent().incrementAndGet();
    }

    void inboundQos2(Set<Integer> pending) {
        inboundQos2 = pending;
    }

    /** Counts envelopes sent to hubs; their acks re-open the window. */
    void routesSent(int shards) {
        routesInFlight += shards;
    }

    Negotiated negotiated() {
        return connect.negotiated();
    }

    TopicAliases topicAliases() {
        return connect.topicAliases();
    }

    ConnectionServices services() {
        return services;
    }

    String clientId() {
        return connect.clientId();
    }

    MqttVersion version() {
        return connect.version();
    }

    long clientMaxPacketSize() {
        return connect.clientMaxPacketSize();
    }

    HandOffs handOffs() {
        return handOffs;
    }

    Set<Integer> inboundQos2() {
        return inboundQos2;
    }

    ClientGuard guard() {
        return connect.guard();
    }

    ActorRef<ConnectionOutput> self() {
        return self;
    }

    RecipientRef<ShardMessage> session() {
        return session;
    }
}
