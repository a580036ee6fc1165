package dev.murmur.load.verify;

import java.util.List;

/**
 * The verifier's judgement of a run: counts per QoS, messages that should not have arrived at
 * all, and the list of broken guarantees (empty when the run passed).
 */
public record Verdict(List<QosVerdict> byQos, long unexpected, long malformed, List<String> failures) {
    public Verdict {
        byQos = List.copyOf(byQos);
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** The counts for one QoS, or null when no publisher used it. */
    public QosVerdict qos(int qos) {
        return byQos.stream().filter(v -> v.qos() == qos).findFirst().orElse(null);
    }

    /** Deliveries over all QoS levels. */
    public long delivered() {
        return byQos.stream().mapToLong(QosVerdict::delivered).sum();
    }
}
