package dev.murmur.load.verify;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counters and latency recorders per QoS that many event-loop threads write and one sampler
 * thread reads once a second. Writers never block: {@link LongAdder} and HdrHistogram's
 * {@link Recorder} are both wait-free for them.
 */
public final class LiveCounters {
    /** Latencies are recorded in nanoseconds with three significant digits. */
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int LEVELS = 3;

    private final LongAdder[] sent = adders();
    private final LongAdder[] acknowledged = adders();
    private final LongAdder[] delivered = adders();
    private final LongAdder[] duplicated = adders();
    private final Recorder[] latency = new Recorder[LEVELS];
    private final Histogram[] total = new Histogram[LEVELS];
    private final Histogram[] recycled = new Histogram[LEVELS];

    public LiveCounters() {
        for (int q = 0; q < LEVELS; q++) {
            latency[q] = new Recorder(SIGNIFICANT_DIGITS);
            total[q] = new Histogram(SIGNIFICANT_DIGITS);
        }
    }

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[LEVELS];
        for (int i = 0; i < LEVELS; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void recordSent(int qos) {
        sent[qos].increment();
    }

    void recordAcknowledged(int qos) {
        acknowledged[qos].increment();
    }

    void recordDelivered(int qos, long latencyNanos) {
        delivered[qos].increment();
        if (latencyNanos >= 0) {
            latency[qos].recordValue(latencyNanos);
        }
    }

    void recordDuplicate(int qos) {
        duplicated[qos].increment();
    }

    public long sent() {
        return sum(sent);
    }

    public long sent(int qos) {
        return sent[qos].sum();
    }

    public long acknowledged() {
        return sum(acknowledged);
    }

    public long delivered() {
        return sum(delivered);
    }

    public long delivered(int qos) {
        return delivered[qos].sum();
    }

    public long duplicated() {
        return sum(duplicated);
    }

    private static long sum(LongAdder[] adders) {
        long s = 0;
        for (LongAdder a : adders) {
            s += a.sum();
        }
        return s;
    }

    /**
     * Moves what was recorded since the last call into the run totals and returns the interval's
     * latencies of every QoS merged (for the progress line). Called by one sampler thread only.
     */
    public synchronized Histogram sampleInterval() {
        Histogram merged = new Histogram(SIGNIFICANT_DIGITS);
        for (int q = 0; q < LEVELS; q++) {
            Histogram interval = latency[q].getIntervalHistogram(recycled[q]);
            total[q].add(interval);
            merged.add(interval);
            recycled[q] = interval;
        }
        return merged;
    }

    /** A copy of the run's latency histogram for one QoS so far (call {@link #sampleInterval} first). */
    public synchronized Histogram totalLatency(int qos) {
        return total[qos].copy();
    }
}
