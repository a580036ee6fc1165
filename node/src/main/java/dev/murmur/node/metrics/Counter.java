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
    HAND_OFF_RETRIES,
    // cluster (issue 10): the cost of a PUBLISH in cluster messages
    /** Publishes (clients, wills, $SYS) that matched at least one shard and were sent to its hub. */
    MESSAGES_ROUTED,
    /** Envelopes the router sent to shard hubs: one per matching shard, never one per subscriber. */
    ROUTE_ENVELOPES_SENT,
    /** Envelopes shard hubs on this node received (first attempts and hand-off re-sends). */
    HUB_ENVELOPES_RECEIVED,
    /** Of those, envelopes from a publisher on another node: the cluster messages a PUBLISH cost. */
    HUB_ENVELOPES_REMOTE,
    /** Sessions whose connection vanished without a Detach (its node died): treated as lost, will published. */
    CONNECTIONS_LOST_WITH_NODE,
    /** Connections closed because their session's entity stopped (moved on a leave, or lost with its node). */
    SESSIONS_LOST_BY_CONNECTION,
    /** CONNECTs sent to their session again because it had not answered (its shard was moving or its node died). */
    ATTACH_RETRIES
}
