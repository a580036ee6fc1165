package dev.murmur.node.config;

import java.time.Duration;

/** Protocol limits applied to every connection (murmur.mqtt). */
public record MqttSettings(int maxPacketSize, Duration connectTimeout, int receiveMaximum, int maxInflight,
                           int maxQueuedMessages, boolean queueQos0Offline, String assignedClientIdPrefix,
                           int maxClientIdLength, Duration takeoverGrace, Duration attachRetry,
                           Duration reattachGrace) {
}
