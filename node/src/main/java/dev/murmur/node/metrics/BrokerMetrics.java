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
