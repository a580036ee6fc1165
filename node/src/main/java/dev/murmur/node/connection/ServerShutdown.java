package dev.murmur.node.connection;

/** Sent to every connection stage when the node stops: v5 clients get DISCONNECT 0x8B. */
public enum ServerShutdown {
    INSTANCE
}
