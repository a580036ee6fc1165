package dev.murmur.node.connection;

import dev.murmur.node.config.MqttSettings;
import dev.murmur.node.session.ConnectRequest;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.property.Properties;
import java.util.UUID;

/**
 * The rules of accepting a CONNECT, kept apart from the stage so they read as a list: client id
 * assignment and validation and session expiry normalisation. The v5 CONNACK is built by
 * {@link Negotiated}.
 */
final class ConnectPolicy {
    /** MQTT 3.1 limits client identifiers to 23 characters. */
    private static final int MQTT31_MAX_CLIENT_ID = 23;
    /** MQTT 5.0 3.1.2.11.3: Receive Maximum absent means 65,535. */
    private static final int DEFAULT_RECEIVE_MAXIMUM = 65_535;
    /** MQTT 5.0 3.1.2.11.4: no Maximum Packet Size means no limit beyond the protocol's. */
    private static final long UNLIMITED_PACKET_SIZE = 268_435_460L;

    private final MqttSettings settings;

    ConnectPolicy(MqttSettings settings) {
        this.settings = settings;
    }

    /** The client id to use, a newly assigned one, or null when the CONNECT must be refused (0x85 / 0x02). */
    String clientIdFor(Connect c) {
        String id = c.clientId();
        if (id.isEmpty()) {
            // MQTT-3.1.3-6 (v5, v3.1.1 with clean session); MQTT-3.1.3-8: 3.1.1 without clean session is refused
            if (c.version() == MqttVersion.V3_1 || c.version() == MqttVersion.V3_1_1 && !c.cleanStart()) {
                return null;
            }
            return settings.assignedClientIdPrefix() + UUID.randomUUID().toString().replace("-", "");
        }
        int max = c.version() == MqttVersion.V3_1 ? MQTT31_MAX_CLIENT_ID : settings.maxClientIdLength();
        return id.length() > max ? null : id;
    }

    /** Session expiry in broker terms: 3.1.1 clean session = 0 never expires, = 1 ends with the socket. */
    static long sessionExpiry(Connect c) {
        if (!c.version().isV5()) {
            return c.cleanStart() ? 0 : ConnectRequest.NEVER_EXPIRES;
        }
        Long v = c.properties().sessionExpiryInterval();
        return v == null ? 0 : v;
    }

    static int clientReceiveMaximum(Connect c) {
        Integer v = c.properties().receiveMaximum();
        return v == null ? DEFAULT_RECEIVE_MAXIMUM : v;
    }

    static long clientMaximumPacketSize(Connect c) {
        Long v = c.properties().maximumPacketSize();
        return v == null ? UNLIMITED_PACKET_SIZE : v;
    }

    /** A refusing CONNACK: session present is 0 (MQTT-3.2.2-6). */
    static ConnAck refused(ReasonCode code) {
        return new ConnAck(false, code, Properties.EMPTY);
    }
}
