package dev.murmur.node.connection;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Sent to every connection stage when the node stops: v5 clients get DISCONNECT 0x8B. Node-local
 * by design (each node tells its own connections), so it never needs a serializer.
 */
public enum ServerShutdown implements NoSerializationVerificationNeeded {
    INSTANCE
}
