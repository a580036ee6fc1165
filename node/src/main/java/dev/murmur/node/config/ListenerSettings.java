package dev.murmur.node.config;

/** One MQTT listener: where it binds and how many sockets it holds at most. */
public record ListenerSettings(String name, String kind, String host, int port, int maxConnections) {
}
