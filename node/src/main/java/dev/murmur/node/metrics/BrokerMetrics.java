package dev.murmur.node.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters and gauges of one node, written from many threads without contention. */
public final class BrokerMetrics {
    private final LongAdder[] counters = new LongAdder[Counter.values().length];
    private final AtomicLong connectionsCurrent = new AtomicLong();
    private final AtomicLong subscriptionsCurrent = new AtomicLong();
    private final AtomicLong retainedCurrent = new AtomicLong();
    private final long startedAtMillis = System.currentTimeMillis();
    // operations (issue 9): what /metrics and the admin API show beyond the counters above
    private final PacketCounters packets = new PacketCounters();
    private final MessageCounters messages = new MessageCounters();
    private final CloseReasons closeReasons = new CloseReasons();
    private final LatencyHistogram deliveryLatency = new LatencyHistogram();
    private final LatencyHistogram journalWriteLatency = new LatencyHistogram();
    private final AtomicLong sessionsLive = new AtomicLong();
    private final AtomicLong sessionsPersistent = new AtomicLong();
    private final AtomicLong inflightCurrent = new AtomicLong();
    private final AtomicLong queuedCurrent = new AtomicLong();
    private final AtomicBoolean overloaded = new AtomicBoolean();

    public BrokerMetrics() {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
    }

    public void increment(Counter c) {
        counters[c.ordinal()].increment();
    }

    public void add(Counter c, long n) {
        counters[c.ordinal()].add(n);
    }

    public long get(Counter c) {
        return counters[c.ordinal()].sum();
    }

    /** A QoS 1/2 hand-off completed after {@code nanos}: the latency that acknowledging after storage costs. */
    public void handOffNanos(long nanos) {
        increment(Counter.HAND_OFFS_COMPLETED);
        add(Counter.HAND_OFF_NANOS, nanos);
    }

    /** Live sockets that completed CONNECT. */
    public AtomicLong connectionsCurrent() {
        return connectionsCurrent;
    }

    /** Subscriptions held by the sessions of this node. */
    public AtomicLong subscriptionsCurrent() {
        return subscriptionsCurrent;
    }

    /** Retained messages held by this node's store. */
    public AtomicLong retainedCurrent() {
        return retainedCurrent;
    }

    /** Packets and bytes by type, CONNACK / DISCONNECT reason codes. */
    public PacketCounters packets() {
        return packets;
    }

    /** Messages published / delivered by QoS, dropped by reason and QoS. */
    public MessageCounters messages() {
        return messages;
    }

    /** Closed connections by why they ended. */
    public CloseReasons closeReasons() {
        return closeReasons;
    }

    /** From a PUBLISH accepted by the broker to the copy handed to a subscriber's connection. */
    public LatencyHistogram deliveryLatency() {
        return deliveryLatency;
    }

    /** Journal writes (persistent sessions, retained store); fed by the durability issue. */
    public LatencyHistogram journalWriteLatency() {
        return journalWriteLatency;
    }

    /** Session entities on this node that hold a session (connected or not). */
    public AtomicLong sessionsLive() {
        return sessionsLive;
    }

    /** Of those, sessions that outlive their connection (expiry > 0, 3.1.1 clean session = 0). */
    public AtomicLong sessionsPersistent() {
        return sessionsPersistent;
    }

    /** Outbound QoS 1/2 messages sent and not yet acknowledged, over this node's sessions. */
    public AtomicLong inflightCurrent() {
        return inflightCurrent;
    }

    /** Messages waiting in this node's session queues. */
    public AtomicLong queuedCurrent() {
        return queuedCurrent;
    }

    /**
     * Heap above the high-water mark (limits/MemoryGuard): new CONNECTs get 0x89 and QoS 0
     * messages for clients with a backlog are dropped first.
     */
    public AtomicBoolean overloaded() {
        return overloaded;
    }

    public long startedAtMillis() {
        return startedAtMillis;
    }

    /** A point-in-time copy of every counter, for $SYS and tests. */
    public Map<Counter, Long> snapshot() {
        Map<Counter, Long> m = new EnumMap<>(Counter.class);
        for (Counter c : Counter.values()) {
            m.put(c, get(c));
        }
        return m;
    }
}
