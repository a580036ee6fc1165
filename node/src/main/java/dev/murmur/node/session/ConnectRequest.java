package dev.murmur.node.session;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.Will;

/**
 * What a connection tells its session at attach time: the accepted CONNECT in broker terms.
 * {@code sessionExpirySeconds} is already normalised: 0 ends the session with the connection,
 * {@link #NEVER_EXPIRES} keeps it (3.1.1 clean session = 0).
 */
public record ConnectRequest(String clientId, MqttVersion version, boolean cleanStart, long sessionExpirySeconds,
                             int clientReceiveMaximum, long clientMaximumPacketSize, Will will, String username,
                             String remoteAddress) {
    /** MQTT 5.0 3.1.2.11.2: 0xFFFFFFFF means the session does not expire. */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    /** The same request resuming the session (Clean Start 0): a connection re-attaching after its session moved. */
    public ConnectRequest resuming() {
        return new ConnectRequest(clientId, version, false, sessionExpirySeconds, clientReceiveMaximum,
                clientMaximumPacketSize, will, username, remoteAddress);
    }
}
