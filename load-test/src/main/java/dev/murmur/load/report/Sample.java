package dev.murmur.load.report;

/**
 * One second of a run: messages sent, acknowledged and delivered in that second, connections
 * open at its end, the second's p99 latency, and the target's RSS (0 when not sampled).
 */
public record Sample(double second, long sent, long acknowledged, long delivered, int connections, double p99Micros,
                     long targetRssBytes) {
}
