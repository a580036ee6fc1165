package dev.murmur.load.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Connection-level counters of one engine: attempts, successes, failures by cause, connections
 * open now and at peak, unexpected drops, and the CONNECT-to-CONNACK time. Thread-safe.
 */
public final class ConnectionStats {
    private final LongAdder attempts = new LongAdder();
    private final LongAdder connected = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropCauses = new ConcurrentHashMap<>();
    private final Recorder connectLatency = new Recorder(3);
    private final Histogram connectTotal = new Histogram(3);

    void attempt() {
        attempts.increment();
    }

    void connected(long connectNanos) {
        connected.increment();
        connectLatency.recordValue(Math.max(0, connectNanos));
        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
    }

    void closed(boolean wasConnected, boolean expected) {
        if (wasConnected) {
            open.decrementAndGet();
            if (!expected) {
                dropped.increment();
            }
        }
    }

    void failed(String cause) {
        failures.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    void dropCause(String cause) {
        dropCauses.computeIfAbsent(cause, c -> new LongAdder()).increment();
    }

    public long attempts() {
        return attempts.sum();
    }

    public long connected() {
        return connected.sum();
    }

    /** Connections that closed without this tool asking for it. */
    public long dropped() {
        return dropped.sum();
    }

    public int open() {
        return open.get();
    }

    public int peakOpen() {
        return peakOpen.get();
    }

    public long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Failures by cause, sorted by cause. */
    public Map<String, Long> failuresByCause() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Why connections closed or were told to (server DISCONNECT reason codes, I/O errors). */
    public Map<String, Long> dropsByCause() {
        Map<String, Long> m = new TreeMap<>();
        dropCauses.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** The CONNECT-to-CONNACK times (nanoseconds) recorded so far. */
    public synchronized Histogram connectLatency() {
        connectTotal.add(connectLatency.getIntervalHistogram());
        return connectTotal.copy();
    }
}
