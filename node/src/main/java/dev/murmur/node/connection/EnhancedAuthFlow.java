package dev.murmur.node.connection;

import dev.murmur.node.auth.AuthStep;
import dev.murmur.node.auth.EnhancedAuthExchange;
import dev.murmur.node.auth.EnhancedAuthenticator;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.property.Properties;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Enhanced authentication of one connection (MQTT 5.0 4.12): relays AUTH packets between the
 * client and an {@link EnhancedAuthExchange}, for the CONNECT handshake and for every
 * re-authentication the client starts later (4.12.1). Every AUTH we send names the method of
 * the CONNECT (MQTT-4.12.0-5).
 */
final class EnhancedAuthFlow {
    /** What the flow needs from its connection; all calls happen inside the stage. */
    interface Host {
        void sendAuth(Auth auth);

        /** The CONNECT exchange succeeded: continue with the session attach, CONNACK carries {@code data}. */
        void authenticated(String method, byte[] data);

        /** The CONNECT exchange failed: CONNACK with {@code code}, then close (MQTT-4.12.0-4). */
        void authenticationFailed(ReasonCode code);

        /** A protocol error or failed re-authentication: DISCONNECT with {@code code}, then close. */
        void disconnect(ReasonCode code, String detail);

        boolean closing();
    }

    private final Host host;
    private final EnhancedAuthenticator authenticator;
    private final String clientId;
    private final InetSocketAddress remote;
    private final Consumer<Runnable> inStage;
    private EnhancedAuthExchange exchange;
    private boolean connected;

    EnhancedAuthFlow(Host host, EnhancedAuthenticator authenticator, String clientId,
                     InetSocketAddress remote, Consumer<Runnable> inStage) {
        this.host = host;
        this.authenticator = authenticator;
        this.clientId = clientId;
        this.remote = remote;
        this.inStage = inStage;
    }

    String method() {
        return authenticator.method();
    }

    /** CONNECT named our method: the first step gets its Authentication Data. */
    void begin(byte[] connectData) {
        exchange = authenticator.start(clientId, remote);
        run(connectData);
    }

    /** The session is attached and CONNACK sent: from now on AUTH 0x19 may re-authenticate. */
    void connected() {
        connected = true;
    }

    /** An AUTH packet from the client, before or after CONNACK. */
    void onAuth(Auth auth) {
        if (!method().equals(auth.properties().authenticationMethod())) {
            host.disconnect(ReasonCode.PROTOCOL_ERROR, "AUTH names another authentication method (MQTT-4.12.1-1)");
            return;
        }
        if (auth.reasonCode() == ReasonCode.CONTINUE_AUTHENTICATION && exchange != null) {
            run(auth.properties().authenticationData()); // MQTT-4.12.0-3
        } else if (auth.reasonCode() == ReasonCode.RE_AUTHENTICATE && connected && exchange == null) {
            exchange = authenticator.start(clientId, remote);
            run(auth.properties().authenticationData());
        } else {
            host.disconnect(ReasonCode.PROTOCOL_ERROR, "unexpected AUTH " + auth.reasonCode());
        }
    }

    private void run(byte[] clientData) {
        EnhancedAuthExchange current = exchange;
        current.step(clientData).whenComplete((step, error) -> inStage.accept(() ->
                onStep(current, error == null ? step : new AuthStep.Failed(ReasonCode.UNSPECIFIED_ERROR))));
    }

    private void onStep(EnhancedAuthExchange from, AuthStep step) {
        if (host.closing() || from != exchange) {
            return;
        }
        if (step instanceof AuthStep.Continue c) {
            host.sendAuth(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, properties(c.serverData()))); // MQTT-4.12.0-2
        } else if (step instanceof AuthStep.Succeeded s) {
            exchange = null;
            if (connected) {
                host.sendAuth(new Auth(ReasonCode.SUCCESS, properties(s.serverData())));
            } else {
                host.authenticated(method(), s.serverData());
            }
        } else if (step instanceof AuthStep.Failed f) {
            exchange = null;
            if (connected) {
                host.disconnect(f.reason(), "re-authentication failed (MQTT-4.12.1-2)");
            } else {
                host.authenticationFailed(f.reason());
            }
        }
    }

    private Properties properties(byte[] data) {
        return Properties.builder().authenticationMethod(method()).authenticationData(data).build();
    }
}
