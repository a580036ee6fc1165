package dev.murmur.node.connection;

import dev.murmur.node.config.Mqtt5Settings;
import dev.murmur.node.config.MqttSettings;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.util.List;

/**
 * What one CONNECT settled between client and server (MQTT 5.0 3.1.2.11 and 3.2.2.3): the
 * limits each side announced, the session expiry and keep alive actually granted, and whether
 * the client wants reason strings. Built once per connection; the CONNACK is made from it.
 */
final class Negotiated {
    /** MQTT 5.0 3.1.2.11.7: Request Problem Information absent means 1. */
    private static final int DEFAULT_REQUEST_PROBLEM_INFO = 1;

    private final MqttVersion version;
    private final Mqtt5Settings v5;
    private final MqttSettings mqtt;
    private final boolean problemInformation;
    private final boolean responseInformationRequested;
    private final int clientTopicAliasMaximum;
    private final int keepAliveSeconds;
    private final boolean serverKeepAliveSent;
    private final long requestedSessionExpiry;
    private final long sessionExpiry;

    Negotiated(Connect c, MqttSettings mqtt, Mqtt5Settings v5) {
        this.version = c.version();
        this.v5 = v5;
        this.mqtt = mqtt;
        Properties p = c.properties();
        Integer problem = p.requestProblemInformation();
        this.problemInformation = (problem == null ? DEFAULT_REQUEST_PROBLEM_INFO : problem) != 0;
        Integer response = p.requestResponseInformation();
        this.responseInformationRequested = response != null && response == 1;
        Integer aliasMax = p.topicAliasMaximum();
        this.clientTopicAliasMaximum = aliasMax == null ? 0 : aliasMax;
        int serverKeepAlive = v5.serverKeepAliveSeconds();
        boolean overrides = version.isV5() && serverKeepAlive > 0
                && (c.keepAliveSeconds() == 0 || c.keepAliveSeconds() > serverKeepAlive);
        this.serverKeepAliveSent = overrides;
        this.keepAliveSeconds = overrides ? serverKeepAlive : c.keepAliveSeconds(); // MQTT-3.2.2-21/-22
        this.requestedSessionExpiry = ConnectPolicy.sessionExpiry(c);
        this.sessionExpiry = version.isV5() ? Math.min(requestedSessionExpiry, v5.maxSessionExpirySeconds())
                : requestedSessionExpiry;
    }

    /**
     * Why this CONNECT must be refused before authentication, or null: redirection (MQTT 5.0
     * 4.11), a will above the maximum QoS (MQTT-3.2.2-12) or retained while retain is not
     * available (MQTT-3.2.2-13).
     */
    ReasonCode refusal(Connect c) {
        if (!version.isV5()) {
            return null;
        }
        switch (v5.redirect()) {
            case USE_ANOTHER_SERVER -> {
                return ReasonCode.USE_ANOTHER_SERVER;
            }
            case SERVER_MOVED -> {
                return ReasonCode.SERVER_MOVED;
            }
            default -> { }
        }
        Will will = c.will();
        if (will != null && will.qos().value() > v5.maximumQos()) {
            return ReasonCode.QOS_NOT_SUPPORTED;
        }
        if (will != null && will.retain() && !v5.retainAvailable()) {
            return ReasonCode.RETAIN_NOT_SUPPORTED;
        }
        return null;
    }

    /** A refusing CONNACK; redirections carry the Server Reference (MQTT 5.0 4.11). */
    ConnAck refused(ReasonCode code) {
        if (!version.isV5()) {
            return ConnectPolicy.refused(code);
        }
        Properties.Builder p = Properties.builder();
        if (code == ReasonCode.USE_ANOTHER_SERVER || code == ReasonCode.SERVER_MOVED) {
            p.serverReference(v5.serverReference());
        }
        if (problemInformation && v5.reasonStrings()) {
            p.reasonString(code.specName());
        }
        return new ConnAck(false, code, p.build());
    }

    /** The successful CONNACK with every capability this server announces (MQTT 5.0 3.2.2.3). */
    ConnAck accepted(boolean sessionPresent, String clientId, String assignedClientId, String authMethod,
                     byte[] authData) {
        if (!version.isV5()) {
            return new ConnAck(sessionPresent, ReasonCode.SUCCESS, Properties.EMPTY);
        }
        Properties.Builder p = Properties.builder()
                .receiveMaximum(mqtt.receiveMaximum())
                .maximumPacketSize((long) mqtt.maxPacketSize())
                .topicAliasMaximum(v5.topicAliasMaximum() > 0 ? v5.topicAliasMaximum() : null)
                .maximumQos(v5.maximumQos() < 2 ? v5.maximumQos() : null) // absent means 2 (3.2.2.3.4)
                .retainAvailable(v5.retainAvailable() ? 1 : 0)
                .wildcardSubscriptionAvailable(v5.wildcardSubscriptionAvailable() ? 1 : 0)
                .subscriptionIdentifierAvailable(v5.subscriptionIdentifiersAvailable() ? 1 : 0)
                .sharedSubscriptionAvailable(v5.sharedSubscriptionAvailable() ? 1 : 0);
        if (assignedClientId != null) {
            p.assignedClientIdentifier(assignedClientId); // MQTT-3.2.2-16
        }
        if (serverKeepAliveSent) {
            p.serverKeepAlive(keepAliveSeconds); // MQTT-3.2.2-21
        }
        if (sessionExpiry != requestedSessionExpiry) {
            p.sessionExpiryInterval(sessionExpiry); // 3.2.2.3.2: the server's value is the one used
        }
        if (responseInformationRequested && !v5.responseInformationPrefix().isEmpty()) {
            p.responseInformation(v5.responseInformationPrefix() + clientId); // 3.2.2.3.15
        }
        if (authMethod != null) {
            p.authenticationMethod(authMethod).authenticationData(authData); // MQTT 5.0 4.12
        }
        return new ConnAck(sessionPresent, ReasonCode.SUCCESS, p.build());
    }

    /** Whether error acknowledgements may carry a reason string (MQTT-3.1.2-29). */
    boolean reasonStringsAllowed() {
        return version.isV5() && problemInformation && v5.reasonStrings();
    }

    /** Properties with a reason string when allowed; for acknowledgements other than DISCONNECT. */
    Properties problem(String reason) {
        return reasonStringsAllowed() && reason != null ? Properties.builder().reasonString(reason).build()
                : Properties.EMPTY;
    }

    /** A SUBACK / UNSUBACK reason string: the spec name of its first failure code, if any. */
    Properties problem(List<ReasonCode> codes) {
        for (ReasonCode c : codes) {
            if (c.isError()) {
                return problem(c.specName());
            }
        }
        return Properties.EMPTY;
    }

    /**
     * DISCONNECT properties: a {@code detail} (protocol violations, re-authentication, operators)
     * becomes the reason string, which DISCONNECT may always carry (MQTT-3.1.2-29); takeover,
     * keep-alive and shutdown say all there is to say with their code. A redirection carries the
     * Server Reference (MQTT 5.0 4.11).
     */
    Properties disconnectProperties(ReasonCode code, String detail, String serverReference) {
        Properties.Builder p = Properties.builder();
        if (version.isV5() && v5.reasonStrings() && detail != null) {
            p.reasonString(detail);
        }
        if (serverReference != null && (code == ReasonCode.USE_ANOTHER_SERVER || code == ReasonCode.SERVER_MOVED
                || code == ReasonCode.SERVER_SHUTTING_DOWN)) { // shutdown: where to go meanwhile (issue 10)
            p.serverReference(serverReference);
        }
        return p.build();
    }

    int clientTopicAliasMaximum() {
        return clientTopicAliasMaximum;
    }

    int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    long sessionExpiry() {
        return sessionExpiry;
    }

    /** The granted expiry for a value a DISCONNECT asks for, within the same cap as CONNECT's. */
    long capSessionExpiry(long requested) {
        return Math.min(requested, v5.maxSessionExpirySeconds());
    }

    boolean sessionExpiryWasZero() {
        return requestedSessionExpiry == 0;
    }
}
