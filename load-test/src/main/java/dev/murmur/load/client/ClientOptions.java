package dev.murmur.load.client;

import dev.murmur.protocol.MqttVersion;
import java.time.Duration;

/**
 * What every client of a run says in its CONNECT and how it paces itself.
 *
 * @param version          MQTT 3.1.1 or 5.0
 * @param keepAliveSeconds keep-alive of CONNECT; PINGREQ goes out after this long without writes
 * @param cleanStart       clean start (v5) / clean session (3.1.1)
 * @param sessionExpiry    session expiry interval in seconds (v5 only; 0 = ends with the connection)
 * @param maxInflight      outbound QoS 1/2 messages awaiting acknowledgement, per client
 * @param maxPacketSize    largest inbound packet accepted
 * @param connackTimeout   how long to wait for CONNACK after the transport is up
 * @param username         user name, or null
 * @param password         password, or null
 */
public record ClientOptions(MqttVersion version, int keepAliveSeconds, boolean cleanStart, long sessionExpiry,
                            int maxInflight, int maxPacketSize, Duration connackTimeout, String username,
                            byte[] password) {
    public ClientOptions {
        if (version != MqttVersion.V3_1_1 && version != MqttVersion.V5) {
            throw new IllegalArgumentException("the load tester speaks MQTT 3.1.1 and 5.0, not " + version);
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65_535) {
            throw new IllegalArgumentException("keep-alive must be 0..65535 seconds");
        }
        if (maxInflight < 1 || maxInflight > 65_535) {
            throw new IllegalArgumentException("max in-flight must be 1..65535");
        }
    }

    /** The same options with another clean-start flag and session expiry (persistent sessions). */
    public ClientOptions withSession(boolean clean, long expirySeconds) {
        return new ClientOptions(version, keepAliveSeconds, clean, expirySeconds, maxInflight, maxPacketSize,
                connackTimeout, username, password);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "ClientOptions[version=" + version + ", keepAlive=" + keepAliveSeconds + ", cleanStart=" + cleanStart
                + ", sessionExpiry=" + sessionExpiry + ", maxInflight=" + maxInflight + ", username=" + username + "]";
    }
}
