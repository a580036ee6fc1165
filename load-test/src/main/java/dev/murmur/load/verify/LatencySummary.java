package dev.murmur.load.verify;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** Latency percentiles in microseconds, plus the percentile curve for charts. */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max,
                             double mean, List<Point> curve) {
    private static final double NANOS_PER_MICRO = 1_000.0;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    /** The empty summary. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, List.of());

    public LatencySummary {
        curve = List.copyOf(curve);
    }

    /** One point of the percentile curve: percentile (0-100) and latency in microseconds. */
    public record Point(double percentile, double micros) {
    }

    /** Summarises a histogram of nanosecond values. */
    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        List<Point> curve = new ArrayList<>();
        for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
            curve.add(new Point(v.getPercentileLevelIteratedTo(), v.getValueIteratedTo() / NANOS_PER_MICRO));
        }
        return new LatencySummary(h.getTotalCount(), micros(h, 50), micros(h, 90), micros(h, 99),
                micros(h, 99.9), h.getMaxValue() / NANOS_PER_MICRO, h.getMean() / NANOS_PER_MICRO, curve);
    }

    private static double micros(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / NANOS_PER_MICRO;
    }
}
