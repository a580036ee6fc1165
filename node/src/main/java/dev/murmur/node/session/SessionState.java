package dev.murmur.node.session;

import dev.murmur.node.session.SessionEvent.ExpiryChanged;
import dev.murmur.node.session.SessionEvent.InboundQos2Released;
import dev.murmur.node.session.SessionEvent.InboundQos2Stored;
import dev.murmur.node.session.SessionEvent.MessageAcknowledged;
import dev.murmur.node.session.SessionEvent.MessageEnqueued;
import dev.murmur.node.session.SessionEvent.MessageReceived;
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
import java.util.Map;
import java.util.Set;

/**
 * The durable part of one MQTT session: subscriptions, the queue, the inflight window, inbound
 * QoS 2 ids, the will and the expiry. Changed only by {@link #apply(SessionEvent)}, a
 * deterministic transition with no side effects (replaying the same events gives the same state).
 */
public final class SessionState {
    /** Outbound packet ids are 1..65535 (MQTT-2.2.1-3: never 0). */
    private static final int MAX_PACKET_ID = 0xFFFF;

    /** A message handed to the client and not yet fully acknowledged. */
    public record Inflight(int packetId, QueuedMessage message, boolean received) {
    }

    /** A subscription with the identifier it was made with. */
    public record SubscriptionEntry(dev.murmur.protocol.packet.Subscription subscription, Integer identifier) {
    }

    private final Map<String, SubscriptionEntry> subscriptions = new LinkedHashMap<>();
    private final ArrayDeque<QueuedMessage> queue = new ArrayDeque<>();
    private final LinkedHashMap<Integer, Inflight> inflight = new LinkedHashMap<>();
    private final Set<Integer> inboundQos2 = new LinkedHashSet<>();
    private int queuedQos0;
    private int lastPacketId;
    private Will will;
    private long sessionExpirySeconds;

    /** Applies one event. */
    public void apply(SessionEvent event) {
        if (event instanceof MessageEnqueued e) {
            queue.addLast(e.message());
            if (e.message().qos() == QoS.AT_MOST_ONCE) {
                queuedQos0++;
            }
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
            inboundQos2.add(st.packetId());
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
        } else if (event == StateCleared.INSTANCE) {
            clear();
        } else if (event == SessionEvent.QueuedHeadExpired.INSTANCE) {
            QueuedMessage m = queue.removeFirst();
            if (m.qos() == QoS.AT_MOST_ONCE) {
                queuedQos0--;
            }
        }
    }

    private void clear() {
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
        return inboundQos2;
    }

    public Will will() {
        return will;
    }

    public long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }
}
