package dev.murmur.node.auth;

/**
 * Decides what an authenticated client may do. Called on the connection's thread for every
 * PUBLISH and SUBSCRIBE, so implementations must answer from memory, quickly, without blocking.
 */
public interface Authorizer {
    /** May this client connect at all? False answers CONNACK 0x87 (v5) / 0x05 (3.x): banned. */
    default boolean mayConnect(ClientInfo client) {
        return true;
    }

    /** May this client publish to {@code topic}? */
    boolean mayPublish(ClientInfo client, String topic);

    /** May this client subscribe to {@code topicFilter} (shared subscriptions: the inner filter)? */
    boolean maySubscribe(ClientInfo client, String topicFilter);
}
