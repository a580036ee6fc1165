package dev.murmur.node.connection;

import dev.murmur.node.auth.Peer;
import dev.murmur.node.connection.ConnectionLogic.Phase;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.property.Properties;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.util.ByteString;

/**
 * Every way a connection ends: the client's DISCONNECT, undecodable bytes, a protocol violation,
 * a refused CONNECT, a server-side disconnect (takeover, operator, shutdown, redirection) and a
 * session that cannot go on. Decides what the client is told (v5 DISCONNECT, or the CONNACK
 * refusal before CONNACK), whether the will is published and what the session learns in the
 * Detach; the stage then writes what is queued and closes the socket.
 */
final class ConnectionEnd {
    /** MQTT-3.1.2-2: a v3.1.1-shaped CONNACK 0x01 answers an unknown protocol level. */
    private static final byte[] CONNACK_UNACCEPTABLE_VERSION = {0x20, 0x02, 0x00, 0x01};

    private final ConnectionLogic c;
    private final ConnectionServices services;
    private final Peer remote;

    private boolean kicked;
    private boolean publishWill = true;
    /** Why the connection is closing, for the closed-by-reason metric; null until close(). */
    private String closeWhy;
    private Long disconnectExpiry;
    private String disconnectReference;

    ConnectionEnd(ConnectionLogic c, ConnectionServices services, Peer remote) {
        this.c = c;
        this.services = services;
        this.remote = remote;
    }

    void onDisconnect(Disconnect d) {
        services.metrics().packets().disconnectReceived(d.reasonCode());
        // MQTT-3.14.4-3: only a normal DISCONNECT (0x00) discards the will; 0x04 asks for it, and a
        // client reporting an error (0x80 and above) did not end the session normally either.
        publishWill = d.reasonCode().value() != ReasonCode.NORMAL_DISCONNECTION.value();
        if (d.reasonCode().isError()) {
            c.log().info("event=client_disconnect_error client_id={} remote={} reason=\"{}\" reason_string=\"{}\"",
                    c.clientId(), remote, d.reasonCode(), d.properties().reasonString());
        }
        Long expiry = d.properties().sessionExpiryInterval();
        if (expiry != null && expiry != 0 && c.negotiated().sessionExpiryWasZero()) {
            publishWill = true; // not a normal disconnection after all: MQTT-3.14.4-3 does not apply
            protocolViolation(ReasonCode.PROTOCOL_ERROR, "session expiry set by DISCONNECT after 0 in CONNECT "
                    + "(MQTT 5.0 3.14.2.2.2)");
            return;
        }
        disconnectExpiry = expiry == null ? null : c.negotiated().capSessionExpiry(expiry);
        close("client_disconnect", null);
    }

    /** The decoder refused the client's bytes: before CONNECT the socket just closes; later, a protocol violation. */
    void decodeFailed(DecodeResult.Failed f) {
        Counter counter = switch (f.reasonCode()) {
            case PACKET_TOO_LARGE -> Counter.OVERSIZE_PACKETS;
            case MALFORMED_PACKET -> Counter.MALFORMED_PACKETS;
            default -> Counter.PROTOCOL_ERRORS;
        };
        services.metrics().increment(counter);
        if (c.phase() == Phase.AWAIT_CONNECT) {
            c.log().info("event=connect_refused remote={} reason=\"{}\" detail=\"{}\"", remote, f.reasonCode(),
                    f.detail());
            if (f.reasonCode() == ReasonCode.UNSUPPORTED_PROTOCOL_VERSION) {
                c.outbound().add(ByteString.fromArray(CONNACK_UNACCEPTABLE_VERSION), false);
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
        c.log().info("event=protocol_violation client_id={} remote={} reason=\"{}\" detail=\"{}\"", c.clientId(),
                remote, code, detail);
        closeWithReason("protocol_violation", code, detail);
    }

    void refuse(ReasonCode code, String why) {
        c.log().info("event=connect_refused client_id={} remote={} reason=\"{}\" why={}", c.clientId(), remote, code,
                why);
        Negotiated negotiated = c.negotiated();
        c.send(negotiated == null ? ConnectPolicy.refused(code) : negotiated.refused(code), false); // MQTT-3.2.2-7
        close(why, null);
    }

    /** The session disconnects the client: another connection took over, or the shard moved with its node. */
    void kicked(ConnectionOutput.Kicked k) {
        kicked = true; // no more credit; the Detach at stop still tells the session we are gone
        c.log().info("event=disconnected_by_server client_id={} remote={} reason=\"{}\"", c.clientId(), remote,
                k.reason());
        if (k.reason() == ReasonCode.SERVER_SHUTTING_DOWN) {
            serverShutdown(); // this node leaves and its shards moved first: as SIGTERM
            return;
        }
        close("kicked", k.reason());
    }

    void disconnected(ConnectionOutput.Disconnected d) {
        c.log().info("event=disconnected_by_server client_id={} remote={} reason=\"{}\"", c.clientId(), remote,
                d.reason());
        publishWill = false; // administrative action or redirection: the client did nothing wrong
        disconnectReference = d.serverReference();
        closeWithReason("server_disconnect", d.reason(), d.serverReference() == null ? "disconnected by an operator"
                : "use server " + d.serverReference());
    }

    void adminDisconnect() {
        publishWill = false; // an operator's decision, not a client failure
        c.log().info("event=disconnected_by_admin client_id={} remote={}", c.clientId(), remote);
        close("admin_kick", ReasonCode.ADMINISTRATIVE_ACTION);
    }

    /**
     * The node stops; wills belong to real client failures. v5 clients get 0x8B and, when
     * {@code mqtt5.server-reference} is set, where to go instead (MQTT 5.0 4.11).
     */
    void serverShutdown() {
        publishWill = false;
        String reference = services.settings().mqtt5().serverReference();
        disconnectReference = reference == null || reference.isBlank() ? null : reference;
        close("server_shutdown", ReasonCode.SERVER_SHUTTING_DOWN);
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
        c.connectFlow().reattachEnded();
        publishWill = false;
        kicked = true; // nobody to give credit to
        close(why, ReasonCode.SERVER_BUSY);
    }

    /** Ends the connection: optional v5 DISCONNECT, flush what is queued, close the socket. */
    void close(String why, ReasonCode disconnectReason) {
        closeWithReason(why, disconnectReason, null);
    }

    private void closeWithReason(String why, ReasonCode disconnectReason, String detail) {
        if (c.phase() == Phase.CLOSING) {
            return;
        }
        MqttVersion version = c.version();
        if (disconnectReason != null && version != null && version.isV5() && c.phase() == Phase.CONNECTED) {
            c.send(new Disconnect(disconnectReason, disconnectProperties(disconnectReason, detail)), false);
        } else if (disconnectReason != null && c.phase() == Phase.AUTHENTICATING) {
            // MQTT-3.14.0-1: no DISCONNECT before a successful CONNACK; the refusal is the CONNACK
            c.send(c.negotiated().refused(disconnectReason), false);
        }
        c.phase(Phase.CLOSING);
        closeWhy = why;
        c.log().debug("event=closing client_id={} remote={} why={}", c.clientId(), remote, why);
        c.stopReading();
    }

    /** Reason string (MQTT 5.0 3.14.2.2.3) and, for a redirection, the Server Reference (4.11). */
    private Properties disconnectProperties(ReasonCode code, String detail) {
        Negotiated negotiated = c.negotiated();
        return negotiated == null ? Properties.EMPTY
                : negotiated.disconnectProperties(code, detail, disconnectReference);
    }

    /** Whether the session still gets write credit: not once it let go of this connection. */
    boolean kicked() {
        return kicked;
    }

    /** What the session hears when the stage stops after an Attach. */
    SessionCommand.Detach detach(ActorRef<ConnectionOutput> self) {
        return new SessionCommand.Detach(self, publishWill, disconnectExpiry);
    }

    /** For the closed-by-reason metric. */
    String closeReason() {
        return closeWhy == null ? "socket_closed" : closeWhy;
    }
}
