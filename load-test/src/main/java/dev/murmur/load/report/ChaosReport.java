package dev.murmur.load.report;

import dev.murmur.load.verify.PhaseVerdict;
import dev.murmur.load.verify.QosVerdict;
import java.util.List;

/**
 * A chaos run: the ordinary run report plus the fault, its window on the run's clock, the
 * verdict split by phase, what the devices went through and how long until every one of them
 * was served again.
 *
 * @param run             the run as every scenario reports it
 * @param fault           the scenario: kill, partition, pause or rolling-restart
 * @param faultDescribed  what was done, in words
 * @param cluster         how the cluster was obtained (launched command or existing nodes)
 * @param faultStart      second of the run the fault was injected at (-1: never)
 * @param faultEnd        second it healed (-1: never)
 * @param phases          the verdict per phase and QoS
 * @param cutOffs         times a device's connection broke without being asked to
 * @param reconnects      times a cut-off device was served again
 * @param sessionsLost    reconnects that found no session on the broker
 * @param recoverySeconds from the fault's start until the last cut-off device was served again
 *                        (0: no device was cut off; -1: some never were)
 * @param resumedSeconds  from the fault's start until every subscriber had received a message
 *                        published after it: the fail-over time devices see (-1: some never did)
 * @param restarts        restarts per node seen by the launcher (empty when unknown)
 * @param lostByReceiver  acknowledged messages lost per receiver (pair-i, fan-in), most first; only those that lost
 * @param errors          problems with the fault itself (could not inject, heal, start the cluster)
 */
public record ChaosReport(RunReport run, String fault, String faultDescribed, String cluster, double faultStart,
                          double faultEnd, List<PhaseVerdict> phases, long cutOffs, long reconnects, long sessionsLost,
                          double recoverySeconds, double resumedSeconds, List<Integer> restarts, java.util.Map<String, Long> lostByReceiver, List<String> errors) {
    public ChaosReport {
        phases = List.copyOf(phases);
        restarts = List.copyOf(restarts);
        lostByReceiver = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(lostByReceiver));
        errors = List.copyOf(errors);
    }

    /** Acknowledged messages lost, over every QoS ≥ 1. */
    public long acknowledgedLost() {
        return run.verdict().byQos().stream().filter(q -> q.qos() > 0).mapToLong(QosVerdict::lost).sum();
    }

    /** QoS 2 messages delivered more than once. */
    public long qos2Duplicates() {
        QosVerdict q = run.verdict().qos(2);
        return q == null ? 0 : q.duplicated();
    }

    /**
     * Passed: no acknowledged message lost, no QoS 2 duplicate, the run and the fault went as
     * planned. QoS 1 duplicates, reordering and refused connects (to a dead node) are reported
     * but do not fail a chaos run.
     */
    public boolean passed() {
        return run.errors().isEmpty() && run.verdict().passed() && errors.isEmpty();
    }
}
