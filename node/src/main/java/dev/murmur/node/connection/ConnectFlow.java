package dev.murmur.node.connection;

import dev.murmur.node.auth.AuthRequest;
import dev.murmur.node.auth.AuthResult;
import dev.murmur.node.auth.ClientInfo;
import dev.murmur.node.auth.EnhancedAuthenticator;
import dev.murmur.node.auth.Peer;
import dev.murmur.node.connection.ConnectionLogic.Phase;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.ConnectRequest;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import java.util.HashSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.stage.AsyncCallback;

/**
 * How a connection reaches its session: CONNECT checked, the client authenticated (user name and
 * password, or the enhanced AUTH exchange of MQTT 5.0 4.12), the session attached — the Attach
 * re-sent every {@code mqtt.attach-retry} until answered — and CONNACK sent. Later, when the
 * session moves or dies with its node, the same Attach (resuming) goes to its successor. Keeps
 * what CONNECT settled for the rest of the connection. Runs inside the connection's stage.
 */
final class ConnectFlow implements EnhancedAuthFlow.Host {
    static final String ATTACH_TIMER = "attach-retry";

    private final ConnectionLogic c;
    private final ConnectionServices services;
    private final Peer remote;
    private final boolean overQuota;
    private final ConnectPolicy policy;
    private final KeepAlive keepAlive;

    // what CONNECT settled (MQTT 5.0: with the CONNACK capabilities and topic aliases)
    private MqttVersion version;
    private String clientId;
    private long clientMaxPacketSize;
    private Negotiated negotiated;
    private TopicAliases topicAliases = new TopicAliases(0, 0);
    /** Authorisation and quotas of the authenticated client (set once CONNECT is accepted). */
    private ClientGuard guard;

    /** The enhanced authentication of this connection (MQTT 5.0 4.12), null when CONNECT named no method. */
    private EnhancedAuthFlow enhancedAuth;
    private Connect pendingConnect;
    private String connAckAuthMethod;
    private byte[] connAckAuthData;
    private String pendingConnAckAssignedId;
    private String connectUsername;
    private ConnectRequest attachRequest;
    private long attachSentNanos;
    /** The session moved (or died with its node) and this connection attaches to its successor; packets for it wait. */
    private boolean reattaching;

    ConnectFlow(ConnectionLogic c, ConnectionServices services, Peer remote, boolean overQuota, KeepAlive keepAlive) {
        this.c = c;
        this.services = services;
        this.remote = remote;
        this.overQuota = overQuota;
        this.policy = new ConnectPolicy(services.settings().mqtt());
        this.keepAlive = keepAlive;
    }

    void onConnect(Connect connect) {
        c.stopTimer(ConnectionLogic.CONNECT_TIMER);
        version = connect.version();
        clientMaxPacketSize = ConnectPolicy.clientMaximumPacketSize(connect);
        if (overQuota) {
            services.metrics().increment(Counter.CONNECTIONS_REFUSED_QUOTA);
            c.end().refuse(ReasonCode.QUOTA_EXCEEDED, "connection_quota");
            return;
        }
        if (services.metrics().overloaded().get()) {
            services.metrics().increment(Counter.CONNECTIONS_REFUSED_BUSY);
            c.end().refuse(ReasonCode.SERVER_BUSY, "memory_high_water"); // 3.x: 0x03 server unavailable
            return;
        }
        String id = policy.clientIdFor(connect);
        if (id == null) {
            c.end().refuse(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client_id_rejected"); // MQTT-3.1.3-8/-9
            return;
        }
        String assigned = id.equals(connect.clientId()) ? null : id;
        clientId = id;
        negotiated = new Negotiated(connect, services.settings().mqtt(), services.settings().mqtt5());
        ReasonCode refusal = negotiated.refusal(connect);
        if (refusal != null) {
            c.end().refuse(refusal, "connect_refused_by_capabilities");
            return;
        }
        c.phase(Phase.CONNECTING);
        keepAlive.settled(negotiated.keepAliveSeconds());
        if (version.isV5()) {
            topicAliases = new TopicAliases(services.settings().mqtt5().topicAliasMaximum(),
                    Math.min(negotiated.clientTopicAliasMaximum(), services.settings().mqtt5().outboundTopicAliases()));
        }
        String authMethod = connect.properties().authenticationMethod();
        if (authMethod != null) {
            startEnhancedAuth(connect, assigned, authMethod);
            return;
        }
        AsyncCallback<AuthResult> authDone = c.inStage(result -> onAuthenticated(connect, assigned, result));
        services.authenticator().authenticate(new AuthRequest(id, connect.username(), connect.password(),
                        remote.address(), remote))
                .whenComplete((result, error) -> authDone.invoke(
                        error == null ? result : AuthResult.refused(ReasonCode.SERVER_UNAVAILABLE)));
    }

    /** MQTT 5.0 4.12: CONNECT named an Authentication Method; the exchange replaces the password check. */
    private void startEnhancedAuth(Connect connect, String assigned, String method) {
        EnhancedAuthenticator authenticator = services.enhancedAuth().find(method);
        if (authenticator == null) {
            services.metrics().increment(Counter.AUTH_FAILURES);
            c.end().refuse(ReasonCode.BAD_AUTHENTICATION_METHOD, "unknown_authentication_method"); // MQTT-4.12.0-1
            return;
        }
        AsyncCallback<Runnable> inStage = c.inStage(Runnable::run);
        enhancedAuth = new EnhancedAuthFlow(this, authenticator, clientId, remote.address(), inStage::invoke);
        pendingConnect = connect;
        pendingConnAckAssignedId = assigned;
        c.phase(Phase.AUTHENTICATING);
        // a stalled exchange ends too
        c.scheduleTimer(ConnectionLogic.CONNECT_TIMER, services.settings().mqtt().connectTimeout());
        enhancedAuth.begin(connect.properties().authenticationData());
    }

    /** MQTT-3.1.2-30: until CONNACK, a client authenticating this way sends only AUTH or DISCONNECT. */
    void onPacketWhileAuthenticating(MqttPacket p) {
        if (p instanceof Auth a) {
            enhancedAuth.onAuth(a);
        } else if (p instanceof Disconnect) {
            c.close("client_disconnect", null);
        } else {
            c.protocolViolation(ReasonCode.PROTOCOL_ERROR, p.type() + " before CONNACK during authentication");
        }
    }

    /** Whether CONNECT named an Authentication Method, so AUTH may follow CONNACK. */
    boolean enhancedAuthentication() {
        return enhancedAuth != null;
    }

    /** AUTH after CONNACK: re-authentication (MQTT 5.0 4.12.1). */
    void reauthenticate(Auth a) {
        enhancedAuth.onAuth(a);
    }

    @Override
    public void sendAuth(Auth auth) {
        c.send(auth, false);
    }

    @Override
    public void authenticated(String method, byte[] data) {
        if (c.phase() != Phase.AUTHENTICATING) {
            return;
        }
        connAckAuthMethod = method;
        connAckAuthData = data;
        c.phase(Phase.CONNECTING);
        onAuthenticated(pendingConnect, pendingConnAckAssignedId, AuthResult.ALLOWED);
        pendingConnect = null;
    }

    @Override
    public void authenticationFailed(ReasonCode code) {
        services.metrics().increment(Counter.AUTH_FAILURES);
        c.end().refuse(code, "enhanced_auth_failed");
    }

    @Override
    public void disconnect(ReasonCode code, String detail) {
        c.protocolViolation(code, detail);
    }

    @Override
    public boolean closing() {
        return c.phase() == Phase.CLOSING;
    }

    private void onAuthenticated(Connect connect, String assignedClientId, AuthResult result) {
        if (c.phase() != Phase.CONNECTING) {
            return;
        }
        if (!result.allowed()) {
            services.metrics().increment(Counter.AUTH_FAILURES);
            c.end().refuse(result.refusal(), "not_authorized");
            return;
        }
        String username = result.identity() != null ? result.identity() : connect.username();
        guard = new ClientGuard(services.authorizer(), new ClientInfo(clientId, username,
                remote.address().getAddress(), remote.listener()), services.settings().limits(), services.metrics());
        // Banned by the authorizer (whichever way the client authenticated), or a will it could
        // not publish itself: refused now, or the will would bypass the ACL later.
        if (!guard.mayConnect() || connect.will() != null && guard.checkPublish(connect.will().topic()) != null) {
            services.metrics().increment(Counter.AUTH_FAILURES);
            c.end().refuse(ReasonCode.NOT_AUTHORIZED, "not_authorized_by_acl");
            return;
        }
        c.session(services.session(clientId));
        ConnectRequest req = new ConnectRequest(clientId, version, connect.cleanStart(), negotiated.sessionExpiry(),
                ConnectPolicy.clientReceiveMaximum(connect), clientMaxPacketSize, connect.will(), username,
                remote.toString());
        c.attachSent();
        connectUsername = username;
        pendingConnAckAssignedId = assignedClientId;
        c.session().tell(new SessionCommand.Attach(req, c.self()));
        attachRequest = req;
        attachSentNanos = System.nanoTime();
        c.scheduleTimer(ATTACH_TIMER, services.settings().mqtt().attachRetry());
    }

    /**
     * No answer from the session yet: its shard may have lived on a node that died, which lost the
     * Attach. Send it again (the session ignores a repeat from the same connection) until
     * connect-timeout, then tell the client the server is unavailable.
     */
    void retryAttach() {
        if (c.phase() != Phase.CONNECTING && !(c.phase() == Phase.CONNECTED && reattaching)) {
            return;
        }
        if (System.nanoTime() - attachSentNanos >= services.settings().mqtt().connectTimeout().toNanos()) {
            services.metrics().increment(Counter.CONNECT_TIMEOUTS);
            if (reattaching) {
                c.end().sessionGone("session_unavailable");
            } else {
                c.end().refuse(ReasonCode.SERVER_UNAVAILABLE, "session_unavailable");
            }
            return;
        }
        services.metrics().increment(Counter.ATTACH_RETRIES);
        c.session().tell(new SessionCommand.Attach(attachRequest, c.self(), reattaching));
        c.scheduleTimer(ATTACH_TIMER, services.settings().mqtt().attachRetry());
    }

    /** The session answered the Attach: CONNACK, or the re-attach to a successor completes. */
    void onAttached(ConnectionOutput.Attached a) {
        if (c.phase() == Phase.CONNECTED && reattaching) {
            SessionResume.reattached(c, a);
            return;
        }
        if (c.phase() != Phase.CONNECTING) {
            return;
        }
        c.phase(Phase.CONNECTED);
        c.stopTimer(ATTACH_TIMER);
        c.session(a.session());
        // issue 10: the session may live on another node; if it dies, this client must reconnect
        c.stageActor().watch(Adapter.toClassic(a.session()));
        c.inboundQos2(new HashSet<>(a.pendingInboundQos2()));
        c.handOffs().resume(a.qos2HandOffs());
        c.counted();
        services.registry().connected(c.stageActor().ref(), new ClientConnection(clientId, connectUsername,
                ClientConnection.address(remote.address()), remote.listener(), version, System.currentTimeMillis(),
                keepAlive.seconds()));
        c.send(negotiated.accepted(a.sessionPresent(), clientId, pendingConnAckAssignedId, connAckAuthMethod,
                connAckAuthData), false);
        if (enhancedAuth != null) {
            enhancedAuth.connected();
        }
        c.log().debug("event=connected client_id={} remote={} version={} session_present={}", clientId, remote,
                version, a.sessionPresent());
        keepAlive.start();
        c.resumeInput();
    }

    boolean reattaching() {
        return reattaching;
    }

    MqttVersion version() {
        return version;
    }

    String clientId() {
        return clientId;
    }

    long clientMaxPacketSize() {
        return clientMaxPacketSize;
    }

    Negotiated negotiated() {
        return negotiated;
    }

    TopicAliases topicAliases() {
        return topicAliases;
    }

    ClientGuard guard() {
        return guard;
    }

    /**
     * The session entity stopped under a live connection: its shard moved away from a leaving
     * node, or its node was downed (issue 10). Its successor does not know this connection, so
     * the client reconnects (v5: 0x89 Server busy) and re-attaches; the session, not the client,
     * went away, so no will.
     */
    void sessionTerminated(org.apache.pekko.actor.Terminated t) {
        if (c.phase() != Phase.CONNECTED || reattaching || c.session() == null
                || !t.actor().equals(Adapter.toClassic((ActorRef<?>) c.session()))) {
            return;
        }
        c.log().info("event=session_lost client_id={} remote={} session={}", clientId, remote, t.actor().path());
        if (attachRequest.sessionExpirySeconds() > 0) {
            reattach(); // journaled: its successor recovers it on a surviving node
        } else {
            c.end().sessionGone("session_lost");
        }
    }

    /** The re-attach is given up: the connection closes. */
    void reattachEnded() {
        reattaching = false;
    }

    /**
     * Attach to the session's successor (its shard moved, or its node died and Sharding re-homes
     * it), resuming it; packets that need the session wait meanwhile, the socket stays open.
     */
    void reattach() {
        if (reattaching) {
            return;
        }
        reattaching = true;
        if (c.session() instanceof ActorRef<?> direct) {
            c.stageActor().unwatch(Adapter.toClassic(direct));
        }
        c.outbound().takeSessionCredit(); // that credit belonged to the old entity
        c.session(services.session(clientId));
        attachRequest = attachRequest.resuming();
        attachSentNanos = System.nanoTime();
        c.session().tell(new SessionCommand.Attach(attachRequest, c.self(), reattaching));
        c.scheduleTimer(ATTACH_TIMER, services.settings().mqtt().attachRetry());
    }

    /** The successor answered: watch it from now on. */
    void adoptSession(ActorRef<ShardMessage> successor) {
        c.stopTimer(ATTACH_TIMER);
        reattaching = false;
        c.session(successor);
        c.stageActor().watch(Adapter.toClassic(successor));
        c.log().info("event=session_resumed client_id={} remote={} session={}", clientId, remote,
                successor.path());
    }
}
