package dev.murmur.load.report;

import dev.murmur.load.verify.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run found, in the shape the console, JSON and HTML reports print.
 *
 * @param scenario          subcommand that ran
 * @param startedAt         wall-clock start
 * @param settings          the options in effect, as strings, in a stable order
 * @param measuredSeconds   length of the measured window (after warm-up, until publishing stopped)
 * @param elapsedSeconds    whole run, set-up and drain included
 * @param sentPerSecond     publish rate over the measured window
 * @param deliveredPerSecond delivery rate over the measured window
 * @param connections       connection outcome
 * @param verdict           the verifier's judgement (empty for the connections scenario)
 * @param series            one sample per second
 * @param events            phases and faults
 * @param target            the broker's RSS and CPU, or null without --pid
 * @param errors            problems that stopped or spoiled the run
 */
public record RunReport(String scenario, Instant startedAt, Map<String, String> settings, double measuredSeconds,
                        double elapsedSeconds, double sentPerSecond, double deliveredPerSecond,
                        ConnectionSummary connections, Verdict verdict, List<Sample> series, List<RunEvent> events,
                        TargetSummary target, List<String> errors) {
    public RunReport {
        series = List.copyOf(series);
        events = List.copyOf(events);
        errors = List.copyOf(errors);
    }

    /** The run passed: no errors, no broken guarantee, and every planned connection connected. */
    public boolean passed() {
        return errors.isEmpty() && verdict.passed() && connections.failed() == 0;
    }
}
