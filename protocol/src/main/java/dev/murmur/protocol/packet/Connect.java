package dev.murmur.protocol.packet;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.property.Properties;
import java.util.Arrays;
import java.util.Objects;

/**
 * CONNECT. {@code cleanStart} is "Clean Session" in 3.1/3.1.1. {@code username}, {@code password}
 * and {@code will} are null when their flag is not set.
 */
public record Connect(MqttVersion version, String clientId, boolean cleanStart, int keepAliveSeconds,
                      String username, byte[] password, Will will, Properties properties) implements MqttPacket {

    public Connect {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(properties, "properties");
    }

    @Override
    public PacketType type() {
        return PacketType.CONNECT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connect c && version == c.version && clientId.equals(c.clientId)
                && cleanStart == c.cleanStart && keepAliveSeconds == c.keepAliveSeconds
                && Objects.equals(username, c.username) && Arrays.equals(password, c.password)
                && Objects.equals(will, c.will) && properties.equals(c.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, clientId, cleanStart, keepAliveSeconds, username, Arrays.hashCode(password), will,
                properties);
    }

    /** Never prints the password (logs must not carry credentials). */
    @Override
    public String toString() {
        return "Connect[version=" + version + ", clientId=" + clientId + ", cleanStart=" + cleanStart
                + ", keepAlive=" + keepAliveSeconds + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", will=" + will
                + ", properties=" + properties + "]";
    }
}
