package dev.murmur.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/** The validated `murmur { }` configuration tree of one node. */
public record NodeSettings(String nodeName, List<ListenerSettings> listeners, int maxConnections, MqttSettings mqtt,
                           int numberOfShards, int writeWindow, int publisherWindow, int routeIndexKeys,
                           Duration routeWriteTimeout,
                           boolean sysEnabled, Duration sysInterval, Duration drainTimeout,
                           Mqtt5Settings mqtt5, SecuritySettings security, LimitSettings limits) {

    /** Settings without murmur.auth and murmur.limits (everything allowed, nothing limited). */
    public NodeSettings(String nodeName, List<ListenerSettings> listeners, int maxConnections, MqttSettings mqtt,
                        int numberOfShards, int writeWindow, int publisherWindow, int routeIndexKeys,
                        Duration routeWriteTimeout, boolean sysEnabled, Duration sysInterval, Duration drainTimeout,
                        Mqtt5Settings mqtt5) {
        this(nodeName, listeners, maxConnections, mqtt, numberOfShards, writeWindow, publisherWindow, routeIndexKeys,
                routeWriteTimeout, sysEnabled, sysInterval, drainTimeout, mqtt5, SecuritySettings.allowAll(),
                LimitSettings.unlimited());
    }

    /** Largest packet MQTT can express: 268,435,455 remaining length plus a 5-byte fixed header. */
    private static final int MQTT_MAX_PACKET_SIZE = 268_435_460;
    /** Receive Maximum is a two-byte integer (MQTT 5.0 3.1.2.11.3). */
    private static final int MAX_RECEIVE_MAXIMUM = 65_535;
    /** Outbound packet identifiers are two-byte integers, so no more than this many in flight. */
    private static final int MAX_PACKET_IDS = 65_535;

    /**
     * Reads and validates {@code config} (which must contain the `murmur` tree, e.g. the node file
     * over reference.conf). Throws {@link InvalidSettingException} or Typesafe's
     * {@link ConfigException}, both naming the key.
     */
    public static NodeSettings from(Config config) {
        Config m = config.getConfig("murmur");
        MqttSettings mqtt = new MqttSettings(
                intIn(m, "mqtt.max-packet-size", 2, MQTT_MAX_PACKET_SIZE),
                positive(m, "mqtt.connect-timeout"),
                intIn(m, "mqtt.receive-maximum", 1, MAX_RECEIVE_MAXIMUM),
                intIn(m, "mqtt.max-inflight", 1, MAX_PACKET_IDS),
                intIn(m, "mqtt.max-queued-messages", 0, Integer.MAX_VALUE),
                m.getBoolean("mqtt.queue-qos0-offline"),
                m.getString("mqtt.assigned-client-id-prefix"),
                intIn(m, "mqtt.max-client-id-length", 1, MAX_RECEIVE_MAXIMUM),
                positive(m, "mqtt.takeover-grace"),
                positive(m, "mqtt.attach-retry"),
                positive(m, "mqtt.reattach-grace"));
        String nodeName = m.getString("node-name");
        if (nodeName.isBlank()) {
            throw new InvalidSettingException("murmur.node-name", "must not be empty");
        }
        return new NodeSettings(
                nodeName,
                ListenerSettings.read(m),
                intIn(m, "max-connections", 1, Integer.MAX_VALUE),
                mqtt,
                intIn(m, "sessions.number-of-shards", 1, 1_000_000),
                intIn(m, "sessions.write-window", 1, MAX_PACKET_IDS),
                intIn(m, "routing.publisher-window", 1, MAX_PACKET_IDS),
                intIn(m, "routing.route-index-keys", 1, 10_000),
                positive(m, "routing.write-timeout"),
                m.getBoolean("sys.enabled"),
                positive(m, "sys.interval"),
                positive(m, "shutdown.drain-timeout"),
                Mqtt5Settings.from(m),
                SecuritySettings.from(m),
                LimitSettings.from(m));
    }

    static int intIn(Config m, String key, int min, int max) {
        long v;
        try {
            v = key.endsWith("size") ? m.getBytes(key) : m.getLong(key);
        } catch (ConfigException.BadValue e) {
            throw new InvalidSettingException("murmur." + key, e.getMessage());
        }
        if (v < min || v > max) {
            throw new InvalidSettingException("murmur." + key, "must be within " + min + ".." + max + ", was " + v);
        }
        return (int) v;
    }

    private static Duration positive(Config m, String key) {
        Duration d = m.getDuration(key);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException("murmur." + key, "must be a positive duration, was " + d);
        }
        return d;
    }
}
