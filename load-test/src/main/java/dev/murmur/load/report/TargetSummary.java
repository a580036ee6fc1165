package dev.murmur.load.report;

/**
 * The broker process under test, when --pid named it: RSS before and at peak during the run,
 * CPU seconds it spent during the run, and derived costs.
 */
public record TargetSummary(int pid, long baselineRssBytes, long peakRssBytes, double cpuSeconds,
                            double cpuSecondsPer100kMessages, double rssBytesPerConnection) {
}
