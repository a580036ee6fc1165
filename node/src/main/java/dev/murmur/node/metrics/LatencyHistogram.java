package dev.murmur.node.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket latency histogram in microseconds: one binary search over the bounds and two
 * uncontended adds per observation, nothing allocated. Bounds start at 50 µs because the broker
 * hands a message on in well under a millisecond when it is not queued.
 */
public final class LatencyHistogram {
    /** Upper bounds of the buckets in microseconds; a last, unbounded bucket follows. */
    public static final long[] DEFAULT_BOUNDS_MICROS = {
        50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000
    };

    private final long[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder sumMicros = new LongAdder();

    public LatencyHistogram() {
        this(DEFAULT_BOUNDS_MICROS);
    }

    public LatencyHistogram(long[] boundsMicros) {
        this.bounds = boundsMicros.clone();
        this.buckets = PacketCounters.adders(bounds.length + 1);
    }

    /** Records one duration; negative values (clock steps between nodes) count as zero. */
    public void observeMicros(long micros) {
        long v = Math.max(0, micros);
        int lo = 0;
        int hi = bounds.length;
        while (lo < hi) { // first bound >= v; bounds.length for the unbounded bucket
            int mid = (lo + hi) >>> 1;
            if (bounds[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        buckets[lo].increment();
        sumMicros.add(v);
    }

    /** Records the time from {@code startMicros} (a {@link WallClock#micros()} value) until now. */
    public void observeSince(long startMicros) {
        observeMicros(WallClock.micros() - startMicros);
    }

    /** A consistent-enough copy: bucket counts (not cumulative), their sum and the sum of values. */
    public Snapshot snapshot() {
        long[] counts = new long[buckets.length];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
            total += counts[i];
        }
        return new Snapshot(bounds.clone(), counts, total, sumMicros.sum());
    }

    /** Bucket counts per bound (the last one is unbounded), the total count and the sum in µs. */
    public record Snapshot(long[] boundsMicros, long[] counts, long count, long sumMicros) {
    }
}
