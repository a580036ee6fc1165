package dev.murmur.load.client;

import dev.murmur.protocol.packet.Publish;

/** Receives what a client's broker sends it; called on the client's event loop. */
public interface ClientListener {
    /** A listener that ignores everything (publish-only clients). */
    ClientListener NONE = (client, publish, nowNanos) -> { };

    /**
     * A PUBLISH arrived at {@code nowNanos}. At QoS 2 a retransmission of a message not yet
     * released is not passed on again (the receiver's half of exactly once).
     */
    void onPublish(MqttClient client, Publish publish, long nowNanos);

    /** The connection closed, asked for or not. */
    default void onClosed(MqttClient client, boolean expected) {
    }
}
