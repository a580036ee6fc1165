package dev.murmur.load.client;

import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Publish;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.concurrent.CompletableFuture;

/**
 * The client half of an MQTT session: packet identifiers in use, outbound QoS 1/2 messages not
 * yet completed, inbound QoS 2 messages not yet released, and pending (UN)SUBSCRIBEs. It outlives
 * a connection so that a persistent session resumes where it stopped. Event-loop confined.
 */
final class ClientSession {
    private static final int MAX_PACKET_ID = 65_535;

    /** An outbound QoS 1/2 message; {@code released} once PUBREC came and PUBREL went out. */
    static final class Outbound {
        final Publish publish;
        final PublishListener listener;
        final long token;
        boolean released;

        Outbound(Publish publish, PublishListener listener, long token) {
            this.publish = publish;
            this.listener = listener;
            this.token = token;
        }
    }

    private final IntObjectMap<Outbound> outbound = new IntObjectHashMap<>();
    private final IntObjectMap<Boolean> inboundQos2 = new IntObjectHashMap<>();
    private final IntObjectMap<CompletableFuture<MqttPacket>> pending = new IntObjectHashMap<>();
    private int nextId = 1;

    /** A packet identifier not used by any outstanding exchange. */
    int allocateId() {
        if (outbound.size() + pending.size() >= MAX_PACKET_ID) {
            throw new IllegalStateException("all packet identifiers are in use");
        }
        while (outbound.containsKey(nextId) || pending.containsKey(nextId)) {
            advance();
        }
        int id = nextId;
        advance();
        return id;
    }

    private void advance() {
        nextId = nextId == MAX_PACKET_ID ? 1 : nextId + 1;
    }

    int inflight() {
        return outbound.size();
    }

    void track(Outbound o) {
        outbound.put(o.publish.packetId(), o);
    }

    Outbound outbound(int packetId) {
        return outbound.get(packetId);
    }

    Outbound complete(int packetId) {
        return outbound.remove(packetId);
    }

    Iterable<Outbound> outbound() {
        return outbound.values();
    }

    /** Records an inbound QoS 2 id; false when it is already awaiting PUBREL (a retransmission). */
    boolean receiveQos2(int packetId) {
        return inboundQos2.put(packetId, Boolean.TRUE) == null;
    }

    void releaseQos2(int packetId) {
        inboundQos2.remove(packetId);
    }

    void await(int packetId, CompletableFuture<MqttPacket> future) {
        pending.put(packetId, future);
    }

    CompletableFuture<MqttPacket> answered(int packetId) {
        return pending.remove(packetId);
    }

    /** Pending SUBSCRIBE/UNSUBSCRIBE exchanges die with their connection. */
    void failPending(Throwable cause) {
        for (CompletableFuture<MqttPacket> f : pending.values()) {
            f.completeExceptionally(cause);
        }
        pending.clear();
    }

    /** The broker has no session for us: forget everything in flight. */
    void reset() {
        outbound.clear();
        inboundQos2.clear();
    }
}
