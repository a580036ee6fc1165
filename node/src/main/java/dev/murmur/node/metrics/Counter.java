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
    /** QoS 1/2 PUBLISHes acknowledged after every matching session stored them. */
    HAND_OFFS_COMPLETED,
    /** Sum of their accept-to-acknowledge times: HAND_OFF_NANOS / HAND_OFFS_COMPLETED is the mean cost. */
    HAND_OFF_NANOS,
    /** Hand-offs re-sent to a shard whose confirmations did not arrive in time. */
    HAND_OFF_RETRIES
}
