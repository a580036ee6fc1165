package dev.murmur.load.cli;

import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.TransportOptions;
import dev.murmur.load.target.TargetGuard;
import dev.murmur.protocol.MqttVersion;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options on where and how clients connect: target, transport, TLS, WebSocket, MQTT CONNECT fields. */
public final class ConnectionOptions {
    static final String DEFAULT_HOST = "127.0.0.1";

    @Option(names = "--host", paramLabel = "HOST",
            description = "Broker host (default: " + DEFAULT_HOST + "). Must be loopback unless --allow-remote.")
    String host;

    @Option(names = {"-p", "--port"}, defaultValue = "1883", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allow-remote",
            description = "Allow a non-loopback --host. Only ever point this tool at brokers you run.")
    boolean allowRemote;

    @Option(names = "--mqtt-version", defaultValue = "5", paramLabel = "3.1.1|5",
            description = "MQTT protocol version (default: ${DEFAULT-VALUE}).")
    String mqttVersion;

    @Option(names = "--keep-alive", defaultValue = "60", paramLabel = "SECONDS",
            description = "Keep-alive in CONNECT; PINGREQ after this long idle (default: ${DEFAULT-VALUE}).")
    int keepAlive;

    @Option(names = "--clean-start", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "Clean start (v5) / clean session (3.1.1) (default: ${DEFAULT-VALUE}).")
    boolean cleanStart;

    @Option(names = "--session-expiry", defaultValue = "0", paramLabel = "SECONDS",
            description = "Session expiry interval, v5 (default: ${DEFAULT-VALUE}; persistent uses 300 when 0).")
    long sessionExpiry;

    @Option(names = "--client-id-prefix", paramLabel = "PREFIX",
            description = "Prefix of every client id (default: murmur-load-<random>-).")
    String clientIdPrefix;

    @Option(names = "--username", description = "User name in CONNECT.")
    String username;

    @Option(names = "--password", description = "Password in CONNECT (never printed).")
    String password;

    @Option(names = "--max-inflight", defaultValue = "32", paramLabel = "N",
            description = "Unacknowledged QoS 1/2 messages per publisher (capped by the broker's Receive Maximum; "
                    + "default: ${DEFAULT-VALUE}).")
    int maxInflight;

    @Option(names = "--max-packet-size", defaultValue = "1048576", paramLabel = "BYTES",
            description = "Largest packet accepted from the broker (default: ${DEFAULT-VALUE}).")
    int maxPacketSize;

    @Option(names = "--connect-rate", defaultValue = "1000", paramLabel = "PER_SECOND",
            description = "New connections per second (default: ${DEFAULT-VALUE}).")
    double connectRate;

    @Option(names = "--max-connecting", defaultValue = "500", paramLabel = "N",
            description = "Connections awaiting CONNACK at once (default: ${DEFAULT-VALUE}).")
    int maxConnecting;

    @Option(names = "--connect-timeout", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "TCP connect timeout (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--connack-timeout", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Wait for CONNACK/SUBACK at most this long (default: ${DEFAULT-VALUE}).")
    Duration connackTimeout;

    @Option(names = "--threads", paramLabel = "N",
            description = "Event-loop threads; each carries thousands of clients (default: CPU count).")
    Integer threads;

    @Option(names = "--io", defaultValue = "auto", paramLabel = "auto|epoll|nio",
            description = "Socket transport: epoll when available, else NIO (default: ${DEFAULT-VALUE}).")
    String io;

    @Option(names = "--source-addresses", defaultValue = "-1", paramLabel = "N",
            description = "Spread connections over N source addresses from 127.0.0.2 (IPv4 loopback targets only) "
                    + "to pass the ~28k ports per address; -1 = as many as needed (20k connections each), "
                    + "0 = never bind (default: ${DEFAULT-VALUE}).")
    int sourceAddresses;

    @Option(names = "--tls", description = "Connect with TLS.")
    boolean tls;

    @Option(names = "--ca", paramLabel = "PEM", description = "Trust this CA certificate (PEM) for TLS.")
    File ca;

    @Option(names = "--cert", paramLabel = "PEM", description = "Client certificate (PEM) for TLS client auth.")
    File cert;

    @Option(names = "--key", paramLabel = "PEM", description = "Client private key (PKCS#8 PEM) for --cert.")
    File key;

    @Option(names = "--insecure", description = "Trust any server certificate (test brokers only).")
    boolean insecure;

    @Option(names = "--ssl-provider", defaultValue = "auto", paramLabel = "auto|jdk|openssl",
            description = "TLS implementation: OpenSSL (netty-tcnative BoringSSL) when it loads, else JSSE "
                    + "(default: ${DEFAULT-VALUE}).")
    String sslProvider;

    @Option(names = "--ws", description = "Connect over WebSocket (subprotocol mqtt); with --tls, wss.")
    boolean webSocket;

    @Option(names = "--ws-path", defaultValue = "/mqtt", paramLabel = "PATH",
            description = "WebSocket endpoint path (default: ${DEFAULT-VALUE}).")
    String webSocketPath;

    /** The effective host. */
    String host() {
        return host == null ? DEFAULT_HOST : host;
    }

    /** Refuses a non-loopback target unless --host and --allow-remote were both given. */
    void checkTarget() {
        TargetGuard.check(host(), host != null, allowRemote);
    }

    MqttVersion version() {
        return switch (mqttVersion) {
            case "5", "5.0" -> MqttVersion.V5;
            case "3.1.1", "4" -> MqttVersion.V3_1_1;
            default -> throw new IllegalArgumentException("--mqtt-version must be 3.1.1 or 5, not " + mqttVersion);
        };
    }

    ClientOptions clientOptions() {
        return new ClientOptions(version(), keepAlive, cleanStart, sessionExpiry, maxInflight, maxPacketSize,
                connackTimeout, username, password == null ? null : password.getBytes(StandardCharsets.UTF_8));
    }

    TransportOptions transportOptions() {
        if (!io.equals("auto") && !io.equals("epoll") && !io.equals("nio")) {
            throw new IllegalArgumentException("--io must be auto, epoll or nio");
        }
        if ((ca != null || cert != null || insecure) && !tls) {
            throw new IllegalArgumentException("--ca, --cert and --insecure need --tls");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 1..65535");
        }
        TransportOptions.Tls tlsOptions = tls ? new TransportOptions.Tls(ca, cert, key, insecure, sslProvider) : null;
        int loops = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (loops < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        return new TransportOptions(host(), port, loops, io, tlsOptions, webSocket ? webSocketPath : null,
                sourceAddresses, connectTimeout);
    }
}
