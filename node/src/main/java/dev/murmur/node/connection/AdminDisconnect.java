package dev.murmur.node.connection;

/** Told to a connection stage by the admin API: disconnect (v5: 0x98 Administrative action), no will. */
public enum AdminDisconnect {
    INSTANCE
}
