package dev.murmur.node.metrics;

/** Node-wide event counters; every "counted" outcome in the design has one. */
public enum Counter {
    CONNECTIONS_OPENED,
    CONNECTIONS_CLOSED,
    CONNECTIONS_REFUSED_QUOTA,
    CONNECT_TIMEOUTS,
    KEEP_ALIVE_TIMEOUTS,
    PROTOCOL_ERRORS,
    MALFORMED_PACKETS,
    OVERSIZE_PACKETS,
    PACKETS_RECEIVED,
    PACKETS_SENT,
    BYTES_RECEIVED,
    BYTES_SENT,
    MESSAGES_RECEIVED,
    MESSAGES_DELIVERED,
    MESSAGES_DROPPED_QUEUE_FULL,
    MESSAGES_DROPPED_QOS0_OFFLINE,
    MESSAGES_DROPPED_TOO_LARGE,
    MESSAGES_NO_SUBSCRIBERS,
    ROUTE_WRITE_TIMEOUTS,
    WILLS_PUBLISHED,
    SESSION_TAKEOVERS,
    // MQTT 5 (issue 4)
    AUTH_FAILURES,
    PAYLOAD_FORMAT_INVALID,
    MESSAGES_EXPIRED,
    SESSIONS_EXPIRED,
    SHARED_MESSAGES_REDELIVERED,
    SHARED_MESSAGES_NO_MEMBER,
    // edge and security (issue 6)
    CONNECTIONS_REFUSED_RATE,
    CONNECTIONS_REFUSED_BUSY,
    PROXY_HEADERS_REJECTED,
    HANDSHAKE_TIMEOUTS,
    TLS_HANDSHAKES_FAILED,
    PUBLISHES_DENIED,
    SUBSCRIPTIONS_DENIED,
    CLIENTS_THROTTLED,
    RATE_LIMIT_DISCONNECTS,
    MESSAGES_DROPPED_OVERLOAD,
    // operations (issue 9); the durability issue counts journal failures
    JOURNAL_WRITE_FAILURES,
    ADMIN_KICKS,
    ADMIN_PUBLISHES,
    // durability (issue 5)
    /** QoS 1/2 PUBLISHes acknowledged after every matching session stored them. */
    HAND_OFFS_COMPLETED,
    /** Sum of their accept-to-acknowledge times: HAND_OFF_NANOS / HAND_OFFS_COMPLETED is the mean cost. */
    HAND_OFF_NANOS,
    /** Hand-offs re-sent to a shard whose confirmations did not arrive in time. */
    HAND_OFF_RETRIES
}
