package dev.murmur.node.connection;

import dev.murmur.node.retained.RetainedStore;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.routing.ShardSet;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Publish;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The QoS 1/2 PUBLISHes of one connection that are routed but not yet acknowledged: PUBACK/PUBREC
 * goes out only when every matching shard hub said how many sessions got the message and that
 * many sessions confirmed they stored it. Owned by the connection stage (single-threaded).
 */
final class HandOffs {
    /** A hand-off waiting for its confirmations. */
    static final class Pending {
        final long id;
        final int packetId;
        final QoS qos;
        final RoutedMessage message;
        final Map<Integer, Progress> shards = new HashMap<>();
        final long startedNanos;
        long sentNanos;

        Pending(long id, int packetId, QoS qos, RoutedMessage message, long now) {
            this.id = id;
            this.packetId = packetId;
            this.qos = qos;
            this.message = message;
            this.startedNanos = now;
            this.sentNanos = now;
        }

        boolean complete() {
            for (Progress p : shards.values()) {
                if (p.expected < 0 || p.confirmed < p.expected) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One shard's part of a hand-off: the attempt in flight, sessions expected (-1: hub not heard) and confirmed. */
    static final class Progress {
        int attempt;
        int expected = -1;
        int confirmed;
    }

    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final Map<Integer, Long> byPacketId = new HashMap<>();
    /** Inbound QoS 2 PUBLISHes waiting for the session to keep their id before they are routed. */
    private final Map<Integer, Accepted> awaitingRecord = new HashMap<>();
    /** Inbound QoS 2 ids a previous connection accepted and may not have routed everywhere: id to hand-off id. */
    private final Map<Integer, Long> resumed = new HashMap<>();

    /** An inbound QoS 2 PUBLISH and the hand-off id it will be routed under. */
    record Accepted(Publish publish, long handOffId) {
    }

    /** A random id: unique enough across publishers and restarts for sessions to recognise a re-sent copy. */
    long newId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0);
        return id;
    }

    void add(long id, int packetId, QoS qos, RoutedMessage message, ShardSet shards, long now) {
        Pending p = new Pending(id, packetId, qos, message, now);
        shards.forEach(s -> p.shards.put(s, new Progress()));
        if (message.retain()) {
            Progress store = new Progress();
            store.expected = 1; // the retained store confirms once, like one session
            p.shards.put(RetainedStore.RETAINED_SHARD, store);
        }
        pending.put(id, p);
        byPacketId.put(packetId, id);
    }

    void awaitRecord(int packetId, Publish publish, long handOffId) {
        awaitingRecord.put(packetId, new Accepted(publish, handOffId));
    }

    boolean awaitingRecord(int packetId) {
        return awaitingRecord.containsKey(packetId);
    }

    /** Inbound QoS 2 PUBLISHes whose id the session has not confirmed keeping yet (by packet id). */
    Map<Integer, Accepted> awaitingRecord() {
        return awaitingRecord;
    }

    int awaitingRecordCount() {
        return awaitingRecord.size();
    }

    /** The PUBLISH to route now that the session kept its id, or null if none waits. */
    Accepted recorded(int packetId) {
        return awaitingRecord.remove(packetId);
    }

    /** The session's pending inbound QoS 2 ids on attach; those with a hand-off id are routed again if re-sent. */
    void resume(Map<Integer, Long> qos2HandOffs) {
        if (qos2HandOffs != null) {
            qos2HandOffs.forEach((packetId, handOffId) -> {
                if (handOffId != 0) {
                    resumed.put(packetId, handOffId);
                }
            });
        }
    }

    /** The hand-off id to route a re-sent PUBLISH under (and forget), or 0 when it needs no routing. */
    long takeResumed(int packetId) {
        Long id = resumed.remove(packetId);
        return id == null ? 0 : id;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** Whether a PUBLISH with this packet id is still waiting (a DUP of it is not routed again). */
    boolean waitingFor(int packetId) {
        return byPacketId.containsKey(packetId);
    }

    /** Records a hub's count; returns the hand-off if it is now complete (and removes it). */
    Pending hubConfirmed(ConnectionOutput.HubConfirmed h) {
        Pending p = pending.get(h.handOffId());
        Progress s = p == null ? null : p.shards.get(h.shard());
        if (s == null || s.attempt != h.attempt()) {
            return null; // a late answer to an earlier attempt
        }
        s.expected = h.sessions();
        return completed(p);
    }

    /** Records a session's confirmation; returns the hand-off if it is now complete (and removes it). */
    Pending sessionConfirmed(ConnectionOutput.SessionConfirmed c) {
        Pending p = pending.get(c.handOffId());
        Progress s = p == null ? null : p.shards.get(c.shard());
        if (s == null || s.attempt != c.attempt()) {
            return null;
        }
        s.confirmed++;
        return completed(p);
    }

    private Pending completed(Pending p) {
        if (!p.complete()) {
            return null;
        }
        pending.remove(p.id);
        byPacketId.remove(p.packetId);
        return p;
    }

    /** A shard of a hand-off to send again, under a new attempt number. */
    record Retry(Pending pending, int shard, int attempt) {
    }

    /**
     * The incomplete shards of hand-offs sent at least {@code timeoutNanos} ago, each with a fresh
     * attempt (answers to the old attempt are ignored from now on).
     */
    List<Retry> due(long now, long timeoutNanos) {
        List<Retry> retries = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.sentNanos < timeoutNanos) {
                continue;
            }
            p.sentNanos = now;
            p.shards.forEach((shard, s) -> {
                if (s.expected < 0 || s.confirmed < s.expected) {
                    s.attempt++;
                    s.expected = shard == RetainedStore.RETAINED_SHARD ? 1 : -1;
                    s.confirmed = 0;
                    retries.add(new Retry(p, shard, s.attempt));
                }
            });
        }
        return retries;
    }
}
