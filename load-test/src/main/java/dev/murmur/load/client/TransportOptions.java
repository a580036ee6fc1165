package dev.murmur.load.client;

import java.io.File;
import java.time.Duration;

/**
 * How clients reach the broker.
 *
 * @param host              target host name or address
 * @param port              target port
 * @param threads           event-loop threads (each carries thousands of clients)
 * @param transport         "auto" (epoll when available), "epoll" or "nio"
 * @param tls               TLS material, or null for plain TCP
 * @param webSocketPath     path of the WebSocket endpoint (subprotocol "mqtt"), or null for raw MQTT
 * @param sourceAddresses   source addresses to spread over (-1 = as needed, 0 = do not bind)
 * @param connectTimeout    TCP connect timeout
 */
public record TransportOptions(String host, int port, int threads, String transport, Tls tls, String webSocketPath,
                               int sourceAddresses, Duration connectTimeout) {

    /**
     * TLS settings: trust {@code caFile} (PEM) or, with {@code insecure}, any certificate; present
     * {@code certFile}/{@code keyFile} (PEM) when set; {@code provider} is "jdk", "openssl" or
     * "auto" (OpenSSL when netty-tcnative loads).
     */
    public record Tls(File caFile, File certFile, File keyFile, boolean insecure, String provider) {
    }
}
