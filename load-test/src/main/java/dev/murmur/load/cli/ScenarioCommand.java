package dev.murmur.load.cli;

import dev.murmur.load.report.ConsoleReport;
import dev.murmur.load.report.HtmlReport;
import dev.murmur.load.report.JsonReport;
import dev.murmur.load.report.RunReport;
import dev.murmur.load.scenario.FaultSchedule;
import dev.murmur.load.scenario.RunConfig;
import dev.murmur.load.scenario.Scenario;
import dev.murmur.load.scenario.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every scenario subcommand shares: the connection and traffic options, turning them into a
 * {@link RunConfig}, the loopback guard, running, and writing the reports. Exit code 0 when the
 * run passed, 1 when it failed its verdict, 2 for bad options.
 */
public abstract class ScenarioCommand implements Callable<Integer> {
    /** Exit code of a run whose verdict failed. */
    public static final int FAILED = 1;
    /** Exit code for options that make no sense. */
    public static final int USAGE = 2;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TrafficOptions traffic;

    @Spec
    CommandSpec spec;

    /** Scenario-specific client counts. */
    protected record Counts(int publishers, int subscribers, int groups, int topics, int connections) {
    }

    protected abstract Counts counts();

    protected Duration reconnectEvery() {
        return Duration.ofSeconds(3);
    }

    protected Duration offlineFor() {
        return Duration.ofSeconds(1);
    }

    /** The validated configuration the options describe (also used by tests). */
    public RunConfig config() {
        Counts c = counts();
        String runId = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        String idPrefix = connection.clientIdPrefix != null ? connection.clientIdPrefix : "murmur-load-" + runId + "-";
        String topicPrefix = traffic.topicPrefix != null ? traffic.topicPrefix : "murmur-load/" + runId;
        return new RunConfig(spec.name(), connection.transportOptions(), connection.clientOptions(), traffic.qos,
                traffic.payloadSize, traffic.ratePerPublisher(c.publishers()), traffic.warmup, traffic.duration,
                traffic.drain, traffic.maxMessages, connection.connectRate, connection.maxConnecting, c.publishers(),
                c.subscribers(), c.groups(), c.topics(), c.connections(), topicPrefix, idPrefix, reconnectEvery(),
                offlineFor(), traffic.pid, traffic.progressWanted());
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunConfig config;
        try {
            connection.checkTarget();
            config = config();
            FileDescriptors.checkRoomFor((long) config.publishers() + config.subscribers() + config.connections());
        } catch (IllegalArgumentException e) {
            err.println("murmur-load: " + e.getMessage());
            return USAGE;
        }
        RunReport report = new ScenarioRunner(config, FaultSchedule.NONE, System.err).run(Scenario.named(spec.name()));
        ConsoleReport.print(report, System.out);
        try {
            if (traffic.json != null) {
                JsonReport.write(report, traffic.json);
                System.out.println("  JSON report: " + traffic.json);
            }
            if (traffic.html != null) {
                HtmlReport.write(report, traffic.html);
                System.out.println("  HTML report: " + traffic.html);
            }
        } catch (IOException e) {
            err.println("murmur-load: cannot write report: " + e.getMessage());
            return FAILED;
        }
        return report.passed() ? 0 : FAILED;
    }
}
