package dev.murmur.node.session;

import dev.murmur.node.session.SessionEvent.ExpiryChanged;
import dev.murmur.node.session.SessionEvent.ExpiryScheduled;
import dev.murmur.node.session.SessionEvent.InboundQos2Released;
import dev.murmur.node.session.SessionEvent.InboundQos2Stored;
import dev.murmur.node.session.SessionEvent.MessageAcknowledged;
import dev.murmur.node.session.SessionEvent.MessageEnqueued;
import dev.murmur.node.session.SessionEvent.MessageReceived;
import dev.murmur.node.session.SessionEvent.MessageStored;
import dev.murmur.node.session.SessionEvent.MessageSent;
import dev.murmur.node.session.SessionEvent.OldestQos0Dropped;
import dev.murmur.node.session.SessionEvent.StateCleared;
import dev.murmur.node.session.SessionEvent.SubscriptionAdded;
import dev.murmur.node.session.SessionEvent.SubscriptionRemoved;
import dev.murmur.node.session.SessionEvent.WillCleared;
import dev.murmur.node.session.SessionEvent.WillSet;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Will;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The durable part of one MQTT session: subscriptions, the queue, the inflight window, inbound
 * QoS 2 ids, the will and the expiry. Changed only by {@link #apply(SessionEvent)}, a
 * deterministic transition with no side effects (replaying the same events gives the same state).
 */
public final class SessionState {
    /** Initial capacity of the queue: an idle session should not pay for a 16-slot array. */
    private static final int IDLE_CAPACITY = 2;
    /** Outbound packet ids are 1..65535 (MQTT-2.2.1-3: never 0). */
    private static final int MAX_PACKET_ID = 0xFFFF;
    /**
     * Hand-off ids remembered to drop re-sent copies: a publisher re-sends after a timeout of
     * seconds, while thousands of newer hand-offs would have to arrive in between to evict an id.
     */
    public static final int HAND_OFF_WINDOW = 1024;

    /** A message handed to the client and not yet fully acknowledged. */
    public record Inflight(int packetId, QueuedMessage message, boolean received) {
    }

    /** A subscription with the identifier it was made with. */
    public record SubscriptionEntry(dev.murmur.protocol.packet.Subscription subscription, Integer identifier) {
    }

    private final Map<String, SubscriptionEntry> subscriptions = new LinkedHashMap<>();
    /** Small at first: most sessions are idle, and the deque doubles when a backlog forms. */
    private final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>(IDLE_CAPACITY);
    private final LinkedHashMap<Integer, Inflight> inflight = new LinkedHashMap<>();
    /** Inbound QoS 2 packet ids awaiting PUBREL, each with the hand-off id it is routed under. */
    private final Map<Integer, Long> inboundQos2 = new LinkedHashMap<>();
    private final LinkedHashSet<Long> recentHandOffs = new LinkedHashSet<>();
    private int queuedQos0;
    private int lastPacketId;
    private Will will;
    private long sessionExpirySeconds;
    private long expiresAtMillis;
    /** A connection is attached (journaled: Connected / Disconnected). */
    private boolean online;

    /** Applies one event. */
    public void apply(SessionEvent event) {
        if (event instanceof MessageEnqueued e) {
            queue.addLast(e.message());
            if (e.message().qos() == QoS.AT_MOST_ONCE) {
                queuedQos0++;
            }
        } else if (event instanceof MessageStored st) {
            queue.addLast(st.message());
            if (st.message().qos() == QoS.AT_MOST_ONCE) {
                queuedQos0++;
            }
            rememberHandOff(st.handOffId());
        } else if (event instanceof MessageSent s) {
            QueuedMessage m = queue.removeFirst();
            if (m.qos() == QoS.AT_MOST_ONCE) {
                queuedQos0--;
            } else {
                inflight.put(s.packetId(), new Inflight(s.packetId(), m, false));
                lastPacketId = s.packetId();
            }
        } else if (event instanceof MessageAcknowledged a) {
            inflight.remove(a.packetId());
        } else if (event instanceof MessageReceived r) {
            inflight.computeIfPresent(r.packetId(), (id, f) -> new Inflight(id, f.message(), true));
        } else if (event instanceof InboundQos2Stored st) {
            inboundQos2.put(st.packetId(), st.handOffId());
        } else if (event instanceof InboundQos2Released rel) {
            inboundQos2.remove(rel.packetId());
        } else if (event instanceof SubscriptionAdded a) {
            subscriptions.put(a.subscription().topicFilter(),
                    new SubscriptionEntry(a.subscription(), a.subscriptionIdentifier()));
        } else if (event instanceof SubscriptionRemoved r) {
            subscriptions.remove(r.filter());
        } else if (event == OldestQos0Dropped.INSTANCE) {
            dropOldestQos0();
        } else if (event instanceof WillSet w) {
            will = w.will();
        } else if (event == WillCleared.INSTANCE) {
            will = null;
        } else if (event instanceof ExpiryChanged x) {
            sessionExpirySeconds = x.sessionExpirySeconds();
            expiresAtMillis = 0;
        } else if (event instanceof ExpiryScheduled x) {
            expiresAtMillis = x.expiresAtMillis();
        } else if (event == SessionEvent.Connected.INSTANCE) {
            online = true;
        } else if (event == SessionEvent.Disconnected.INSTANCE) {
            online = false;
        } else if (event == StateCleared.INSTANCE) {
            clear();
        } else if (event == SessionEvent.QueuedHeadExpired.INSTANCE) {
            QueuedMessage m = queue.removeFirst();
            if (m.qos() == QoS.AT_MOST_ONCE) {
                queuedQos0--;
            }
        }
    }

    private void rememberHandOff(long id) {
        if (recentHandOffs.add(id) && recentHandOffs.size() > HAND_OFF_WINDOW) {
            Iterator<Long> oldest = recentHandOffs.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether a hand-off with this id was stored recently (a re-sent copy must not be queued again). */
    public boolean storedHandOff(long handOffId) {
        return recentHandOffs.contains(handOffId);
    }

    private void clear() {
        online = false;
        subscriptions.clear();
        queue.clear();
        inflight.clear();
        inboundQos2.clear();
        queuedQos0 = 0;
        will = null;
    }

    private void dropOldestQos0() {
        Iterator<QueuedMessage> it = queue.iterator();
        while (it.hasNext()) {
            if (it.next().qos() == QoS.AT_MOST_ONCE) {
                it.remove();
                queuedQos0--;
                return;
            }
        }
    }

    /** A copy of the whole state, for a snapshot (immutable: the journal writes it asynchronously). */
    public SessionSnapshot snapshot() {
        return new SessionSnapshot(java.util.List.copyOf(subscriptions.values()), java.util.List.copyOf(queue),
                java.util.List.copyOf(inflight.values()), java.util.List.copyOf(inboundQos2.keySet()), lastPacketId,
                will, sessionExpirySeconds, expiresAtMillis, java.util.List.copyOf(recentHandOffs),
                java.util.List.copyOf(inboundQos2.values()), online);
    }

    /** Replaces the whole state by a snapshot's (recovery). */
    public void restore(SessionSnapshot s) {
        clear();
        s.subscriptions().forEach(e -> subscriptions.put(e.subscription().topicFilter(), e));
        s.queue().forEach(m -> {
            queue.addLast(m);
            if (m.qos() == QoS.AT_MOST_ONCE) {
                queuedQos0++;
            }
        });
        s.inflight().forEach(f -> inflight.put(f.packetId(), f));
        List<Long> qos2HandOffs = s.inboundQos2HandOffs();
        for (int i = 0; i < s.inboundQos2().size(); i++) {
            inboundQos2.put(s.inboundQos2().get(i), qos2HandOffs == null ? 0L : qos2HandOffs.get(i));
        }
        lastPacketId = s.lastPacketId();
        will = s.will();
        sessionExpirySeconds = s.sessionExpirySeconds();
        expiresAtMillis = s.expiresAtMillis();
        online = s.online();
        if (s.recentHandOffs() != null) {
            recentHandOffs.addAll(s.recentHandOffs());
        }
    }

    /** The next free outbound packet id after the last one bound, or 0 when all are in use. */
    public int nextFreePacketId() {
        if (inflight.size() >= MAX_PACKET_ID) {
            return 0;
        }
        int id = lastPacketId;
        do {
            id = id == MAX_PACKET_ID ? 1 : id + 1;
        } while (inflight.containsKey(id));
        return id;
    }

    /** True when nothing would survive into a resumed session. */
    public boolean isEmpty() {
        return subscriptions.isEmpty() && queue.isEmpty() && inflight.isEmpty() && inboundQos2.isEmpty();
    }

    public Map<String, SubscriptionEntry> subscriptions() {
        return subscriptions;
    }

    public QueuedMessage peekQueued() {
        return queue.peekFirst();
    }

    /** The queued messages, oldest first (read-only use). */
    public Collection<QueuedMessage> queued() {
        return queue;
    }

    public int queuedCount() {
        return queue.size();
    }

    public int queuedQos0() {
        return queuedQos0;
    }

    public Collection<Inflight> inflight() {
        return inflight.values();
    }

    public Inflight inflight(int packetId) {
        return inflight.get(packetId);
    }

    public int inflightCount() {
        return inflight.size();
    }

    public Set<Integer> inboundQos2() {
        return inboundQos2.keySet();
    }

    /** Inbound QoS 2 packet ids awaiting PUBREL with their hand-off ids (0: routing known complete). */
    public Map<Integer, Long> inboundQos2HandOffs() {
        return inboundQos2;
    }

    /** Whether a connection was attached as of the last event (true after recovery: the predecessor died with it). */
    public boolean online() {
        return online;
    }

    public Will will() {
        return will;
    }

    public long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }

    /**
     * When the last connection went away, from the recorded expiry (0 when none was recorded: the
     * session never expires, or it was connected).
     */
    public long disconnectedAtMillis() {
        if (expiresAtMillis <= 0 || sessionExpirySeconds <= 0 || sessionExpirySeconds == ConnectRequest.NEVER_EXPIRES) {
            return 0;
        }
        return expiresAtMillis - java.time.Duration.ofSeconds(sessionExpirySeconds).toMillis();
    }

    /** When an offline session expires (wall clock), or 0 while none is scheduled. */
    public long expiresAtMillis() {
        return expiresAtMillis;
    }
}
