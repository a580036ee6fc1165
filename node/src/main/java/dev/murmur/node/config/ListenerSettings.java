package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One MQTT listener: where it binds, its transport ({@code tcp}, {@code tls}, {@code ws},
 * {@code wss}), and its own admission limits.
 *
 * @param connectionRate  new sockets accepted per second (token bucket); 0 means unlimited
 * @param connectionBurst sockets accepted at once after an idle period (the bucket's size)
 * @param addressRate     new sockets per second from one client address (after PROXY); 0 = unlimited
 * @param tls             key material and policy; null for tcp and ws
 */
public record ListenerSettings(String name, String kind, String host, int port, int maxConnections,
                               double connectionRate, int connectionBurst, double addressRate, int addressBurst,
                               int addressesTracked, boolean proxyProtocol,
                               int proxyMaxHeader, boolean allowAnonymous, String path, Duration upgradeTimeout, int backlog,
                               TlsSettings tls) {

    /** The listener kinds and the port each gets when the entry names none. */
    static final Map<String, Integer> DEFAULT_PORTS = Map.of("tcp", 1883, "tls", 8883, "ws", 8083, "wss", 8084);
    private static final int MAX_PORT = 65_535;
    /** A v2 header with IPv6 addresses and no TLVs: 16 + 36 bytes. */
    private static final int PROXY_V2_MIN_HEADER = 52;
    /** The v2 length field is 16 bits: 16 + 65,535 bytes at most. */
    private static final int PROXY_V2_MAX_HEADER = 16 + 65_535;
    /** The accept queue of the plain constructor; configured listeners read listener-defaults.backlog. */
    private static final int DEFAULT_BACKLOG = 1024;

    /** A plain TCP listener without rate limit, PROXY protocol or TLS (tests and defaults). */
    public ListenerSettings(String name, String kind, String host, int port, int maxConnections) {
        this(name, kind, host, port, maxConnections, 0, 0, 0, 0, 0, false, PROXY_V2_MIN_HEADER, true, "/mqtt", Duration.ofSeconds(10),
                DEFAULT_BACKLOG, null);
    }

    public boolean isTls() {
        return "tls".equals(kind) || "wss".equals(kind);
    }

    public boolean isWebSocket() {
        return "ws".equals(kind) || "wss".equals(kind);
    }

    /** Reads {@code murmur.listeners}, each entry over {@code murmur.listener-defaults}. */
    static List<ListenerSettings> read(Config m) {
        List<? extends Config> list = m.getConfigList("listeners");
        if (list.isEmpty()) {
            throw new InvalidSettingException("murmur.listeners", "at least one listener is required");
        }
        Config defaults = m.getConfig("listener-defaults");
        List<ListenerSettings> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            result.add(one(list.get(i).withFallback(defaults), "murmur.listeners[" + i + "]."));
        }
        return List.copyOf(result);
    }

    private static ListenerSettings one(Config l, String prefix) {
        String kind = l.getString("kind");
        Integer defaultPort = DEFAULT_PORTS.get(kind);
        if (defaultPort == null) {
            throw new InvalidSettingException(prefix + "kind", "unknown listener kind '" + kind
                    + "', expected one of " + DEFAULT_PORTS.keySet());
        }
        int port = l.hasPath("port") ? Settings.intIn(l, prefix, "port", 0, MAX_PORT) : defaultPort;
        int max = Settings.intIn(l, prefix, "max-connections", 1, Integer.MAX_VALUE);
        double rate = Settings.doubleIn(l, prefix, "connection-rate", 0, Integer.MAX_VALUE);
        int burst = Settings.intIn(l, prefix, "connection-burst", 0, Integer.MAX_VALUE);
        if (burst == 0) {
            burst = (int) Math.max(1, Math.ceil(rate)); // one second's worth
        }
        double addressRate = Settings.doubleIn(l, prefix, "connection-rate-per-address", 0, Integer.MAX_VALUE);
        int addressBurst = Settings.intIn(l, prefix, "connection-burst-per-address", 0, Integer.MAX_VALUE);
        if (addressBurst == 0) {
            addressBurst = (int) Math.max(1, Math.ceil(addressRate));
        }
        String path = l.getString("path");
        if (!path.startsWith("/")) {
            throw new InvalidSettingException(prefix + "path", "must start with '/', was '" + path + "'");
        }
        String name = l.hasPath("name") ? l.getString("name") : kind + "-" + port;
        boolean tls = "tls".equals(kind) || "wss".equals(kind);
        return new ListenerSettings(name, kind, l.getString("host"), port, max, rate, burst, addressRate, addressBurst,
                Settings.intIn(l, prefix, "addresses-tracked", 1, Integer.MAX_VALUE), l.getBoolean("proxy-protocol"),
                Settings.intIn(l, prefix, "proxy-protocol-max-header", PROXY_V2_MIN_HEADER, PROXY_V2_MAX_HEADER),
                l.getBoolean("allow-anonymous"), path,
                Settings.positive(l, prefix, "upgrade-timeout"), Settings.intIn(l, prefix, "backlog", 1, MAX_PORT),
                tls ? TlsSettings.from(l.getConfig("tls"), prefix + "tls.") : null);
    }
}
