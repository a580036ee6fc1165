package dev.murmur.load.report;

import dev.murmur.load.verify.LatencySummary;
import java.util.Map;

/**
 * Connection outcome of a run: attempts, successes, failures and drops by cause, the peak of
 * open connections, the achieved connect rate and CONNECT-to-CONNACK latency.
 */
public record ConnectionSummary(long attempts, long connected, long failed, long dropped, int peakOpen,
                                double connectRatePerSecond, LatencySummary connectLatency,
                                Map<String, Long> failures, Map<String, Long> drops) {
    public ConnectionSummary {
        failures = Map.copyOf(failures);
        drops = Map.copyOf(drops);
    }
}
