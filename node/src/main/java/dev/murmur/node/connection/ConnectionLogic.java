package dev.murmur.node.connection;

import dev.murmur.node.auth.AuthRequest;
import dev.murmur.node.auth.AuthResult;
import dev.murmur.node.logging.MdcLogger;
import dev.murmur.node.auth.ClientInfo;
import dev.murmur.node.auth.Peer;
import dev.murmur.node.limits.PublishThrottle;
import dev.murmur.node.auth.EnhancedAuthenticator;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters.DropReason;
import dev.murmur.node.session.ConnectRequest;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.packet.ConnAck;
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
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
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
 * stream's actor, so none of its state needs locking.
 */
final class ConnectionLogic extends TimerGraphStageLogic implements EnhancedAuthFlow.Host {
    private static final Logger BASE_LOG = LoggerFactory.getLogger(ConnectionLogic.class);
    /** Per connection: puts client_id and remote into the MDC around each line (operations issue). */
    private final Logger LOG;
    private static final String CONNECT_TIMER = "connect-timeout";
    private static final String ATTACH_TIMER = "attach-retry";
    private static final String KEEP_ALIVE_TIMER = "keep-alive";
    private static final String HAND_OFF_TIMER = "hand-off-retry";
    private static final String THROTTLE_TIMER = "publish-throttle";
    /** MQTT-3.1.2-24: the server allows one and a half keep-alive periods. */
    private static final double KEEP_ALIVE_GRACE = 1.5;
    /** MQTT-3.1.2-2: a v3.1.1-shaped CONNACK 0x01 answers an unknown protocol level. */
    private static final byte[] CONNACK_UNACCEPTABLE_VERSION = {0x20, 0x02, 0x00, 0x01};

    private enum Phase { AWAIT_CONNECT, CONNECTING, AUTHENTICATING, CONNECTED, CLOSING }

    private final Inlet<ByteString> in;
    private final Outlet<ByteString> out;
    private final ConnectionServices services;
    /** The client as the edge knows it; logs print its real address (after any PROXY header). */
    private final Peer remote;
    private final boolean overQuota;
    private final Runnable onClose;
    private final MqttDecoder decoder;
    /** Usually holds zero or one chunk; starts small because every connection has one. */
    private final ArrayDeque<ByteBuffer> input = new ArrayDeque<>(2);
    private final OutboundBuffer outbound = new OutboundBuffer();
    private final int maxBufferedPackets;
    private final ConnectPolicy policy;

    private Phase phase = Phase.AWAIT_CONNECT;
    private MqttVersion version;
    private String clientId;
    private long clientMaxPacketSize;
    private int keepAliveMillis;
    private long lastReadNanos;
    private ActorRef<ConnectionOutput> self;
    private RecipientRef<ShardMessage> session;
    private boolean attachSent;
    private boolean kicked;
    private boolean counted;
    private boolean publishWill = true;
    /** Why the connection is closing, for the closed-by-reason metric; null until close(). */
    private String closeWhy;
    /** Bytes the decoder consumed towards the packet it has not finished yet. */
    private int pendingPacketBytes;
    private Long disconnectExpiry;
    private Set<Integer> inboundQos2 = new HashSet<>();
    private final HandOffs handOffs = new HandOffs();
    private boolean handOffTimerActive;
    /** Authorisation and quotas of the authenticated client (set once CONNECT is accepted). */
    private ClientGuard guard;
    /** Reading is paused until the publish quota recovers. */
    private boolean throttled;
    /** Envelopes sent to shard hubs and not yet acknowledged: reading pauses at the window. */
    private int routesInFlight;
    private final int routeWindow;
    // MQTT 5.0: what CONNECT settled, topic aliases, enhanced authentication (null when unused)
    private Negotiated negotiated;
    private TopicAliases topicAliases = new TopicAliases(0, 0);
    private EnhancedAuthFlow enhancedAuth;
    private String connAckAuthMethod;
    private byte[] connAckAuthData;

    ConnectionLogic(FlowShape<ByteString, ByteString> shape, ConnectionServices services, Peer remote,
                    boolean overQuota, Runnable onClose) {
        super(shape);
        this.in = shape.in();
        this.out = shape.out();
        this.services = services;
        this.remote = remote;
        this.LOG = new MdcLogger(BASE_LOG, () -> this.clientId, () -> ClientConnection.address(remote.address()));
        this.overQuota = overQuota;
        this.onClose = onClose;
        this.decoder = MqttDecoder.forServer(services.settings().mqtt().maxPacketSize());
        this.maxBufferedPackets = services.settings().writeWindow() * 2;
        this.routeWindow = services.settings().publisherWindow();
        this.policy = new ConnectPolicy(services.settings().mqtt());
        setHandler(in, new AbstractInHandler() {
            @Override
            public void onPush() {
                ByteString bytes = grab(in);
                services.metrics().add(Counter.BYTES_RECEIVED, bytes.size());
                lastReadNanos = System.nanoTime();
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
                LOG.debug("event=socket_failed client_id={} remote={} cause={}", clientId, remote, ex.toString());
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
            session.tell(new SessionCommand.Detach(self, publishWill, disconnectExpiry));
        }
        if (counted) {
            services.metrics().connectionsCurrent().decrementAndGet();
        }
        services.metrics().increment(Counter.CONNECTIONS_CLOSED);
        services.metrics().closeReasons().closed(closeWhy == null ? "socket_closed" : closeWhy);
        onClose.run();
    }

    // ---- input ----

    private void processInput() {
        while ((phase == Phase.AWAIT_CONNECT || phase == Phase.CONNECTED || phase == Phase.AUTHENTICATING)
                && outbound.size() < maxBufferedPackets && routesInFlight < routeWindow && !input.isEmpty()
                && !throttled && !reattaching) {
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
                onPacket(d.packet());
            } else if (r instanceof DecodeResult.Failed f) {
                onDecodeFailure(f);
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
            onConnect((Connect) p); // the server-side decoder only yields CONNECT first (MQTT-3.1.0-1)
            return;
        }
        if (phase == Phase.AUTHENTICATING) {
            onPacketWhileAuthenticating(p);
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
            if (!s.properties().subscriptionIdentifiers().isEmpty()
                    && !services.settings().mqtt5().subscriptionIdentifiersAvailable()) {
                protocolViolation(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                        "subscription identifiers are not available (MQTT 5.0 3.2.2.3.12)");
                return;
            }
            List<Subscription> admitted = guard.admitSubscriptions(s.packetId(), s.subscriptions());
            if (admitted.isEmpty()) { // every filter refused: the session has nothing to do
                List<ReasonCode> codes = guard.subAckCodes(s.packetId(), List.of());
                send(new SubAck(s.packetId(), codes, negotiated.problem(codes)), false);
                return;
            }
            session.tell(new SessionCommand.Subscribe(self, s.packetId(), admitted,
                    s.properties().subscriptionIdentifiers().isEmpty() ? null
                            : s.properties().subscriptionIdentifiers().get(0)));
        } else if (p instanceof Unsubscribe u) {
            session.tell(new SessionCommand.Unsubscribe(self, u.packetId(), u.topicFilters()));
        } else if (p instanceof PingReq) {
            send(PingResp.INSTANCE, false); // MQTT-3.12.4-1
        } else if (p instanceof Disconnect d) {
            onDisconnect(d);
        } else if (p instanceof Auth a && enhancedAuth != null) {
            enhancedAuth.onAuth(a); // re-authentication (MQTT 5.0 4.12.1)
        } else {
            // AUTH without an authentication method in CONNECT (MQTT 5.0 4.12): protocol error
            protocolViolation(ReasonCode.PROTOCOL_ERROR, "unexpected " + p.type());
        }
    }

    private void onConnect(Connect c) {
        cancelTimer(CONNECT_TIMER);
        version = c.version();
        clientMaxPacketSize = ConnectPolicy.clientMaximumPacketSize(c);
        if (overQuota) {
            services.metrics().increment(Counter.CONNECTIONS_REFUSED_QUOTA);
            refuse(ReasonCode.QUOTA_EXCEEDED, "connection_quota");
            return;
        }
        if (services.metrics().overloaded().get()) {
            services.metrics().increment(Counter.CONNECTIONS_REFUSED_BUSY);
            refuse(ReasonCode.SERVER_BUSY, "memory_high_water"); // 3.x: 0x03 server unavailable
            return;
        }
        String id = policy.clientIdFor(c);
        if (id == null) {
            refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client_id_rejected"); // MQTT-3.1.3-8/-9
            return;
        }
        String assigned = id.equals(c.clientId()) ? null : id;
        clientId = id;
        negotiated = new Negotiated(c, services.settings().mqtt(), services.settings().mqtt5());
        ReasonCode refusal = negotiated.refusal(c);
        if (refusal != null) {
            refuse(refusal, "connect_refused_by_capabilities");
            return;
        }
        phase = Phase.CONNECTING;
        keepAliveMillis = negotiated.keepAliveSeconds() * 1000;
        if (version.isV5()) {
            topicAliases = new TopicAliases(services.settings().mqtt5().topicAliasMaximum(),
                    Math.min(negotiated.clientTopicAliasMaximum(), services.settings().mqtt5().outboundTopicAliases()));
        }
        String authMethod = c.properties().authenticationMethod();
        if (authMethod != null) {
            startEnhancedAuth(c, assigned, authMethod);
            return;
        }
        AsyncCallback<AuthResult> authDone = createAsyncCallback(result -> onAuthenticated(c, assigned, result));
        services.authenticator().authenticate(new AuthRequest(id, c.username(), c.password(), remote.address(), remote))
                .whenComplete((result, error) -> authDone.invoke(
                        error == null ? result : AuthResult.refused(ReasonCode.SERVER_UNAVAILABLE)));
    }

    /** MQTT 5.0 4.12: CONNECT named an Authentication Method; the exchange replaces the password check. */
    private void startEnhancedAuth(Connect c, String assigned, String method) {
        EnhancedAuthenticator authenticator = services.enhancedAuth().find(method);
        if (authenticator == null) {
            services.metrics().increment(Counter.AUTH_FAILURES);
            refuse(ReasonCode.BAD_AUTHENTICATION_METHOD, "unknown_authentication_method"); // MQTT-4.12.0-1
            return;
        }
        AsyncCallback<Runnable> inStage = createAsyncCallback(Runnable::run);
        enhancedAuth = new EnhancedAuthFlow(this, authenticator, clientId, remote.address(), inStage::invoke);
        pendingConnect = c;
        pendingConnAckAssignedId = assigned;
        phase = Phase.AUTHENTICATING;
        scheduleOnce(CONNECT_TIMER, services.settings().mqtt().connectTimeout()); // a stalled exchange ends too
        enhancedAuth.begin(c.properties().authenticationData());
    }

    private Connect pendingConnect;

    /** MQTT-3.1.2-30: until CONNACK, a client authenticating this way sends only AUTH or DISCONNECT. */
    private void onPacketWhileAuthenticating(MqttPacket p) {
        if (p instanceof Auth a) {
            enhancedAuth.onAuth(a);
        } else if (p instanceof Disconnect) {
            close("client_disconnect", null);
        } else {
            protocolViolation(ReasonCode.PROTOCOL_ERROR, p.type() + " before CONNACK during authentication");
        }
    }

    @Override
    public void sendAuth(Auth auth) {
        send(auth, false);
    }

    @Override
    public void authenticated(String method, byte[] data) {
        if (phase != Phase.AUTHENTICATING) {
            return;
        }
        connAckAuthMethod = method;
        connAckAuthData = data;
        phase = Phase.CONNECTING;
        onAuthenticated(pendingConnect, pendingConnAckAssignedId, AuthResult.ALLOWED);
        pendingConnect = null;
    }

    @Override
    public void authenticationFailed(ReasonCode code) {
        services.metrics().increment(Counter.AUTH_FAILURES);
        refuse(code, "enhanced_auth_failed");
    }

    @Override
    public void disconnect(ReasonCode code, String detail) {
        protocolViolation(code, detail);
    }

    @Override
    public boolean closing() {
        return phase == Phase.CLOSING;
    }

    private void onAuthenticated(Connect c, String assignedClientId, AuthResult result) {
        if (phase != Phase.CONNECTING) {
            return;
        }
        if (!result.allowed()) {
            services.metrics().increment(Counter.AUTH_FAILURES);
            refuse(result.refusal(), "not_authorized");
            return;
        }
        String username = result.identity() != null ? result.identity() : c.username();
        guard = new ClientGuard(services.authorizer(), new ClientInfo(clientId, username,
                remote.address().getAddress(), remote.listener()), services.settings().limits(), services.metrics());
        // Banned by the authorizer (whichever way the client authenticated), or a will it could
        // not publish itself: refused now, or the will would bypass the ACL later.
        if (!guard.mayConnect() || c.will() != null && guard.checkPublish(c.will().topic()) != null) {
            services.metrics().increment(Counter.AUTH_FAILURES);
            refuse(ReasonCode.NOT_AUTHORIZED, "not_authorized_by_acl");
            return;
        }
        session = services.session(clientId);
        ConnectRequest req = new ConnectRequest(clientId, version, c.cleanStart(), negotiated.sessionExpiry(),
                ConnectPolicy.clientReceiveMaximum(c), clientMaxPacketSize, c.will(), username, remote.toString());
        attachSent = true;
        connectUsername = username;
        pendingConnAckAssignedId = assignedClientId;
        session.tell(new SessionCommand.Attach(req, self));
        attachRequest = req;
        attachSentNanos = System.nanoTime();
        scheduleOnce(ATTACH_TIMER, services.settings().mqtt().attachRetry());
    }

    private ConnectRequest attachRequest;
    private long attachSentNanos;
    /** The session moved (or died with its node) and this connection attaches to its successor; input waits. */
    private boolean reattaching;

    /**
     * No answer from the session yet: its shard may have lived on a node that died, which lost the
     * Attach. Send it again (the session ignores a repeat from the same connection) until
     * connect-timeout, then tell the client the server is unavailable.
     */
    private void retryAttach() {
        if (phase != Phase.CONNECTING && !(phase == Phase.CONNECTED && reattaching)) {
            return;
        }
        if (System.nanoTime() - attachSentNanos >= services.settings().mqtt().connectTimeout().toNanos()) {
            services.metrics().increment(Counter.CONNECT_TIMEOUTS);
            if (reattaching) {
                sessionGone("session_unavailable");
            } else {
                refuse(ReasonCode.SERVER_UNAVAILABLE, "session_unavailable");
            }
            return;
        }
        services.metrics().increment(Counter.ATTACH_RETRIES);
        session.tell(new SessionCommand.Attach(attachRequest, self, reattaching));
        scheduleOnce(ATTACH_TIMER, services.settings().mqtt().attachRetry());
    }

    private String pendingConnAckAssignedId;
    private String connectUsername;

    private void onAttached(ConnectionOutput.Attached a) {
        if (phase == Phase.CONNECTED && reattaching) {
            SessionResume.reattached(this, a);
            return;
        }
        if (phase != Phase.CONNECTING) {
            return;
        }
        phase = Phase.CONNECTED;
        cancelTimer(ATTACH_TIMER);
        session = a.session();
        // issue 10: the session may live on another node; if it dies, this client must reconnect
        stageActor().watch(Adapter.toClassic(a.session()));
        inboundQos2 = new HashSet<>(a.pendingInboundQos2());
        handOffs.resume(a.qos2HandOffs());
        counted = true;
        services.metrics().connectionsCurrent().incrementAndGet();
        services.registry().connected(stageActor().ref(), new ClientConnection(clientId, connectUsername,
                ClientConnection.address(remote.address()), remote.listener(), version, System.currentTimeMillis(),
                keepAliveMillis / 1000));
        send(negotiated.accepted(a.sessionPresent(), clientId, pendingConnAckAssignedId, connAckAuthMethod,
                connAckAuthData), false);
        if (enhancedAuth != null) {
            enhancedAuth.connected();
        }
        LOG.debug("event=connected client_id={} remote={} version={} session_present={}", clientId, remote, version,
                a.sessionPresent());
        if (keepAliveMillis > 0) {
            scheduleOnce(KEEP_ALIVE_TIMER, Duration.ofMillis((long) (keepAliveMillis * KEEP_ALIVE_GRACE)));
        }
        processInput();
    }

    private void onDisconnect(Disconnect d) {
        services.metrics().packets().disconnectReceived(d.reasonCode());
        // MQTT-3.14.4-3: only a normal DISCONNECT (0x00) discards the will; 0x04 asks for it, and a
        // client reporting an error (0x80 and above) did not end the session normally either.
        publishWill = d.reasonCode().value() != ReasonCode.NORMAL_DISCONNECTION.value();
        if (d.reasonCode().isError()) {
            LOG.info("event=client_disconnect_error client_id={} remote={} reason=\"{}\" reason_string=\"{}\"",
                    clientId, remote, d.reasonCode(), d.properties().reasonString());
        }
        Long expiry = d.properties().sessionExpiryInterval();
        if (expiry != null && expiry != 0 && negotiated.sessionExpiryWasZero()) {
            publishWill = true; // not a normal disconnection after all: MQTT-3.14.4-3 does not apply
            protocolViolation(ReasonCode.PROTOCOL_ERROR, "session expiry set by DISCONNECT after 0 in CONNECT "
                    + "(MQTT 5.0 3.14.2.2.2)");
            return;
        }
        disconnectExpiry = expiry == null ? null : negotiated.capSessionExpiry(expiry);
        close("client_disconnect", null);
    }

    private void onDecodeFailure(DecodeResult.Failed f) {
        Counter c = switch (f.reasonCode()) {
            case PACKET_TOO_LARGE -> Counter.OVERSIZE_PACKETS;
            case MALFORMED_PACKET -> Counter.MALFORMED_PACKETS;
            default -> Counter.PROTOCOL_ERRORS;
        };
        services.metrics().increment(c);
        if (phase == Phase.AWAIT_CONNECT) {
            LOG.info("event=connect_refused remote={} reason=\"{}\" detail=\"{}\"", remote, f.reasonCode(), f.detail());
            if (f.reasonCode() == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
                outbound.add(ByteString.fromArray(CONNACK_UNACCEPTABLE_VERSION), false);
                services.metrics().packets().sent(PacketType.CONNACK, CONNACK_UNACCEPTABLE_VERSION.length);
                services.metrics().packets().connAckSent(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION);
            }
            close("decode_failed", null);
            return;
        }
        protocolViolation(f.reasonCode(), f.detail());
    }

    /** v5: DISCONNECT with the reason, then close; 3.1.1: close (MQTT-4.8.0-1, MQTT-4.13.1-1). */
    void protocolViolation(ReasonCode code, String detail) {
        LOG.info("event=protocol_violation client_id={} remote={} reason=\"{}\" detail=\"{}\"", clientId, remote, code,
                detail);
        closeWithReason("protocol_violation", code, detail);
    }

    private void refuse(ReasonCode code, String why) {
        LOG.info("event=connect_refused client_id={} remote={} reason=\"{}\" why={}", clientId, remote, code, why);
        send(negotiated == null ? ConnectPolicy.refused(code) : negotiated.refused(code), false); // MQTT-3.2.2-7
        close(why, null);
    }

    // ---- messages from the session and the node ----

    private void onMessage(Object msg) {
        if (msg instanceof ConnectionOutput.Outgoing o) {
            sendToClient(o.publish());
        } else if (msg instanceof ConnectionOutput.OutgoingPubRel r) {
            send(new PubRel(r.packetId(), ReasonCode.SUCCESS, Properties.EMPTY), true);
        } else if (msg instanceof ConnectionOutput.Routed r) {
            routesInFlight -= r.count();
            processInput();
        } else if (msg instanceof ConnectionOutput.SubscribeDone s) {
            List<ReasonCode> codes = guard.subAckCodes(s.packetId(), s.reasonCodes());
            send(new SubAck(s.packetId(), codes, negotiated.problem(codes)), false);
        } else if (msg instanceof ConnectionOutput.UnsubscribeDone u) {
            send(new UnsubAck(u.packetId(), u.reasonCodes(), negotiated.problem(u.reasonCodes())), false);
        } else if (msg instanceof ConnectionOutput.Attached a) {
            onAttached(a);
        } else if (msg == ConnectionOutput.SessionMoved.INSTANCE) {
            if (phase == Phase.CONNECTED) {
                LOG.info("event=session_moved client_id={} remote={}", clientId, remote);
                reattach();
            }
        } else if (msg instanceof ConnectionOutput.Kicked k) {
            kicked = true; // no more credit; the Detach at stop still tells the session we are gone
            LOG.info("event=disconnected_by_server client_id={} remote={} reason=\"{}\"", clientId, remote, k.reason());
            if (k.reason() == ReasonCode.SERVER_SHUTTING_DOWN) {
                serverShutdown(); // this node leaves and its shards moved first: as SIGTERM
                return;
            }
            close("kicked", k.reason());
        } else if (msg instanceof ConnectionOutput.InboundQos2Recorded r) {
            InboundPublish.recorded(this, r);
        } else if (msg instanceof ConnectionOutput.HubConfirmed || msg instanceof ConnectionOutput.SessionConfirmed) {
            InboundPublish.confirmed(this, (ConnectionOutput) msg);
        } else if (msg instanceof ConnectionOutput.Disconnected d) {
            LOG.info("event=disconnected_by_server client_id={} remote={} reason=\"{}\"", clientId, remote, d.reason());
            publishWill = false; // administrative action or redirection: the client did nothing wrong
            disconnectReference = d.serverReference();
            closeWithReason("server_disconnect", d.reason(), d.serverReference() == null ? "disconnected by an operator"
                    : "use server " + d.serverReference());
        } else if (msg == AdminDisconnect.INSTANCE) {
            publishWill = false; // an operator's decision, not a client failure
            LOG.info("event=disconnected_by_admin client_id={} remote={}", clientId, remote);
            close("admin_kick", ReasonCode.ADMINISTRATIVE_ACTION);
        } else if (msg == ServerShutdown.INSTANCE) {
            serverShutdown();
        } else if (msg instanceof org.apache.pekko.actor.Terminated t) {
            sessionTerminated(t);
        }
    }

    /**
     * The node stops; wills belong to real client failures. v5 clients get 0x8B and, when
     * {@code mqtt5.server-reference} is set, where to go instead (MQTT 5.0 4.11).
     */
    private void serverShutdown() {
        publishWill = false;
        String reference = services.settings().mqtt5().serverReference();
        disconnectReference = reference == null || reference.isBlank() ? null : reference;
        close("server_shutdown", ReasonCode.SERVER_SHUTTING_DOWN);
    }

    /**
     * The session entity stopped under a live connection: its shard moved away from a leaving
     * node, or its node was downed (issue 10). Its successor does not know this connection, so
     * the client reconnects (v5: 0x89 Server busy) and re-attaches; the session, not the client,
     * went away, so no will.
     */
    private void sessionTerminated(org.apache.pekko.actor.Terminated t) {
        if (phase != Phase.CONNECTED || reattaching || session == null
                || !t.actor().equals(Adapter.toClassic((ActorRef<?>) session))) {
            return;
        }
        LOG.info("event=session_lost client_id={} remote={} session={}", clientId, remote, t.actor().path());
        if (attachRequest.sessionExpirySeconds() > 0) {
            reattach(); // journaled: its successor recovers it on a surviving node
        } else {
            sessionGone("session_lost");
        }
    }

    /**
     * The successor did not have the session (its journal lost it): end that empty session when
     * this connection closes, so the client's next CONNECT sees Session Present 0 and subscribes
     * again instead of trusting subscriptions that are gone.
     */
    void sessionNotResumed() {
        disconnectExpiry = 0L;
        sessionGone("session_not_resumed");
    }

    /** The session cannot be continued under this connection: the client reconnects (v5: 0x89); no will. */
    void sessionGone(String why) {
        services.metrics().increment(Counter.SESSIONS_LOST_BY_CONNECTION);
        reattaching = false;
        publishWill = false;
        kicked = true; // nobody to give credit to
        close(why, ReasonCode.SERVER_BUSY);
    }

    /**
     * Attach to the session's successor (its shard moved, or its node died and Sharding re-homes
     * it), resuming it; client input waits meanwhile, the socket stays open.
     */
    private void reattach() {
        if (reattaching) {
            return;
        }
        reattaching = true;
        if (session instanceof ActorRef<?> direct) {
            stageActor().unwatch(Adapter.toClassic(direct));
        }
        outbound.takeSessionCredit(); // that credit belonged to the old entity
        session = services.session(clientId);
        attachRequest = attachRequest.resuming();
        attachSentNanos = System.nanoTime();
        session.tell(new SessionCommand.Attach(attachRequest, self, reattaching));
        scheduleOnce(ATTACH_TIMER, services.settings().mqtt().attachRetry());
    }

    /** The successor answered: watch it from now on. */
    void adoptSession(ActorRef<ShardMessage> successor) {
        cancelTimer(ATTACH_TIMER);
        reattaching = false;
        session = successor;
        stageActor().watch(Adapter.toClassic(successor));
        LOG.info("event=session_resumed client_id={} remote={} session={}", clientId, remote, successor.path());
    }

    /** Client input waited while the connection re-attached; let it flow again. */
    void resumeInput() {
        processInput();
    }

    /** An outbound PUBLISH; dropped as if delivered when larger than the client allows (MQTT-3.1.2-25). */
    private void sendToClient(Publish p) {
        if (phase == Phase.CLOSING) {
            return;
        }
        TopicAliases.Outbound alias = topicAliases.outbound(p.topic());
        Publish wire = alias == null ? p : new Publish(alias.sendTopic() ? p.topic() : "", p.qos(), p.retain(), p.dup(),
                p.packetId(), p.payload(), p.properties().toBuilder().topicAlias(alias.alias()).build());
        ByteBuffer buf = MqttEncoder.encode(wire, version, clientMaxPacketSize);
        if (buf != null && alias != null) {
            topicAliases.commit(alias);
        }
        if (buf == null) {
            services.metrics().increment(Counter.MESSAGES_DROPPED_TOO_LARGE);
            services.metrics().messages().dropped(DropReason.TOO_LARGE, p.qos());
            if (p.qos() != QoS.AT_MOST_ONCE) {
                session.tell(new SessionCommand.DeliveryDropped(self, p.packetId()));
            }
            session.tell(new SessionCommand.WriteCredit(self, 1));
            return;
        }
        services.metrics().increment(Counter.MESSAGES_DELIVERED);
        services.metrics().messages().delivered(p.qos());
        enqueue(buf, true);
    }

    void send(MqttPacket p, boolean fromSession) {
        if (phase == Phase.CLOSING && !(p instanceof Disconnect)) {
            return;
        }
        ByteBuffer buf = version == null ? MqttEncoder.encode(p, MqttVersion.V3_1_1)
                : MqttEncoder.encode(p, version, clientMaxPacketSize);
        if (buf != null) {
            if (p instanceof ConnAck a) {
                services.metrics().packets().connAckSent(a.reasonCode());
            } else if (p instanceof Disconnect d) {
                services.metrics().packets().disconnectSent(d.reasonCode());
            }
            enqueue(buf, fromSession);
        }
    }

    private void enqueue(ByteBuffer buf, boolean fromSession) {
        // the type is the high nibble of the first byte: no need to thread it through every caller
        services.metrics().packets().sent(PacketType.ofValue((buf.get(buf.position()) >> 4) & 0x0F), buf.remaining());
        ByteString bytes = buf.hasArray() && buf.arrayOffset() == 0 && buf.position() == 0
                && buf.limit() == buf.array().length ? ByteString.fromArrayUnsafe(buf.array()) : ByteString.fromByteBuffer(buf);
        outbound.add(bytes, fromSession);
        services.metrics().increment(Counter.PACKETS_SENT);
        flush();
    }

    private void flush() {
        if (!outbound.isEmpty() && isAvailable(out)) {
            ByteString bytes = outbound.drain();
            services.metrics().add(Counter.BYTES_SENT, bytes.size());
            push(out, bytes);
            int credit = outbound.takeSessionCredit();
            if (credit > 0 && session != null && !kicked) {
                session.tell(new SessionCommand.WriteCredit(self, credit));
            }
        }
        if (phase == Phase.CLOSING && outbound.isEmpty()) {
            completeStage(); // MQTT-3.14.4-1 / -2: what was queued is written, then the socket closes
        }
    }

    /** Ends the connection: optional v5 DISCONNECT, flush what is queued, close the socket. */
    void close(String why, ReasonCode disconnectReason) {
        closeWithReason(why, disconnectReason, null);
    }

    private String disconnectReference;

    private void closeWithReason(String why, ReasonCode disconnectReason, String detail) {
        if (phase == Phase.CLOSING) {
            return;
        }
        if (disconnectReason != null && version != null && version.isV5() && phase == Phase.CONNECTED) {
            send(new Disconnect(disconnectReason, disconnectProperties(disconnectReason, detail)), false);
        } else if (disconnectReason != null && phase == Phase.AUTHENTICATING) {
            // MQTT-3.14.0-1: no DISCONNECT before a successful CONNACK; the refusal is the CONNACK
            send(negotiated.refused(disconnectReason), false);
        }
        phase = Phase.CLOSING;
        closeWhy = why;
        LOG.debug("event=closing client_id={} remote={} why={}", clientId, remote, why);
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
        PublishThrottle.Verdict v = guard.onPublish(p);
        if (v instanceof PublishThrottle.Pause pause && phase == Phase.CONNECTED) {
            throttled = true;
            services.metrics().increment(Counter.CLIENTS_THROTTLED);
            scheduleOnce(THROTTLE_TIMER, Duration.ofNanos(pause.nanos()));
        } else if (v == PublishThrottle.Disconnect.INSTANCE) {
            services.metrics().increment(Counter.RATE_LIMIT_DISCONNECTS);
            LOG.info("event=rate_limit_exceeded client_id={} remote={}", clientId, remote);
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
        if (ATTACH_TIMER.equals(key)) {
            retryAttach();
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
        } else if (KEEP_ALIVE_TIMER.equals(key) && phase == Phase.CONNECTED) {
            long graceNanos = (long) (keepAliveMillis * KEEP_ALIVE_GRACE) * 1_000_000L;
            long idle = System.nanoTime() - lastReadNanos;
            if (idle >= graceNanos) {
                services.metrics().increment(Counter.KEEP_ALIVE_TIMEOUTS);
                LOG.info("event=keep_alive_timeout client_id={} remote={}", clientId, remote);
                close("keep_alive_timeout", ReasonCode.KEEP_ALIVE_TIMEOUT); // MQTT-3.1.2-22 (v5: 0x8D)
            } else {
                scheduleOnce(KEEP_ALIVE_TIMER, Duration.ofNanos(graceNanos - idle));
            }
        }
    }

    /** Reason string (MQTT 5.0 3.14.2.2.3) and, for a redirection, the Server Reference (4.11). */
    private Properties disconnectProperties(ReasonCode code, String detail) {
        return negotiated == null ? Properties.EMPTY : negotiated.disconnectProperties(code, detail, disconnectReference);
    }

    // ---- accessors for InboundPublish ----

    /** Counts envelopes sent to hubs; their acks re-open the window. */
    void routesSent(int shards) {
        routesInFlight += shards;
    }

    Negotiated negotiated() {
        return negotiated;
    }

    TopicAliases topicAliases() {
        return topicAliases;
    }

    ConnectionServices services() {
        return services;
    }

    String clientId() {
        return clientId;
    }

    MqttVersion version() {
        return version;
    }

    HandOffs handOffs() {
        return handOffs;
    }

    Set<Integer> inboundQos2() {
        return inboundQos2;
    }

    ClientGuard guard() {
        return guard;
    }

    ActorRef<ConnectionOutput> self() {
        return self;
    }

    RecipientRef<ShardMessage> session() {
        return session;
    }
}
