package dev.murmur.load.cli;

import dev.murmur.load.chaos.ChaosPlan;
import dev.murmur.load.chaos.ChaosRun;
import dev.murmur.load.chaos.ClusterState;
import dev.murmur.load.chaos.Commands;
import dev.murmur.load.report.ChaosReport;
import dev.murmur.load.report.ChaosReports;
import dev.murmur.load.scenario.RunConfig;
import dev.murmur.load.target.TargetGuard;
import dev.murmur.protocol.QoS;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code murmur-load chaos}: the chaos workload against a cluster it launches (or one named with
 * --nodes), one fault on a schedule, and the verdict per QoS and phase. Chaos defaults differ
 * from the other scenarios' where a fault needs them (QoS 1 and 2, a 5 s keep-alive so a paused
 * node is noticed, a run long enough for before/during/after); options given explicitly win.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Chaos on a cluster: <pairs> publisher/subscriber pairs plus a fan-in of <fan-in> publishers "
                + "into one wildcard subscriber, all with persistent sessions, spread over the nodes; a device cut "
                + "off reconnects to the next node with the same client id. One fault on a schedule: kill (kill -9 "
                + "a node, the launcher restarts it), partition (nftables on lo cut a node's Artery address off; "
                + "needs root and nft), pause (SIGSTOP for --fault-for, then SIGCONT) or rolling-restart (SIGTERM "
                + "every node in turn, each back and ready before the next). The cluster is launched with "
                + "--launcher (plus --nodes N --free-ports --dir, and --loopback-per-node for partition), or "
                + "named with --nodes host:port,... (kill, pause and rolling-restart then need --pids). Exit code "
                + "1 when an acknowledged message was lost or a QoS 2 message duplicated, 2 when the run could "
                + "not start.",
            "Chaos defaults where the shared options below say otherwise: --qos 1,2, --rate 2, --duration 70s, "
                + "--keep-alive 5, --drain 30s (options given explicitly win); every device uses clean start 0 "
                + "and --session-expiry (300 s when 0), whatever --clean-start says; --host/--port are refused.",
            ""})
public final class ChaosCommand extends ScenarioCommand {
    /** What a launched cluster is started with unless --launcher says otherwise. */
    static final String DEFAULT_LAUNCHER = "./murmur local-cluster";

    @Option(names = "--scenario", required = true, paramLabel = "kill|partition|pause|rolling-restart",
            description = "The fault to inject.")
    String scenario;

    @Option(names = "--pairs", defaultValue = "200", paramLabel = "N",
            description = "Publisher/subscriber pairs (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--fan-in", defaultValue = "20", paramLabel = "N",
            description = "Publishers into the one wildcard subscriber; 0 = none (default: ${DEFAULT-VALUE}).")
    int fanIn;

    @Option(names = "--fault-at", defaultValue = "20s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Inject the fault this long after traffic started (default: ${DEFAULT-VALUE}).")
    Duration faultAt;

    @Option(names = "--fault-for", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Pause/partition length; for kill, the length of the \"during\" phase "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration faultFor;

    @Option(names = "--victim", defaultValue = "2", paramLabel = "NODE",
            description = "The node (1-based) killed, paused or cut off (default: ${DEFAULT-VALUE}).")
    int victim;

    @Option(names = "--settle", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Longest wait after publishing stopped for the fault to end and every device to be back; "
                    + "also per node of a rolling restart (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--cluster-size", defaultValue = "3", paramLabel = "N",
            description = "Nodes of a launched cluster, 2..5 (default: ${DEFAULT-VALUE}).")
    int clusterSize;

    @Option(names = "--launcher", defaultValue = DEFAULT_LAUNCHER, paramLabel = "CMD",
            description = "Command that starts a local cluster, split at spaces (default: ${DEFAULT-VALUE}); e.g. "
                    + "java -cp <classpath> dev.murmur.node.Main local-cluster.")
    String launcher;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Directory of the launched cluster (logs, state, journal) and of the default reports "
                    + "(default: data/chaos/<run id>).")
    Path runDir;

    @Option(names = "--cluster-timeout", defaultValue = "5m", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Longest wait for a launched cluster to be up, first build "
                    + "included (default: ${DEFAULT-VALUE}).")
    Duration clusterTimeout;

    @Option(names = "--keep-sessions",
            description = "Leave the devices' persistent sessions on the cluster at the end (to inspect them with "
                    + "the admin API); by default they are removed.")
    boolean keepSessions;

    @Option(names = "--nodes", split = ",", paramLabel = "HOST:PORT",
            description = "Use this running cluster instead of launching one: every node's MQTT address.")
    List<String> nodes;

    @Option(names = "--pids", split = ",", paramLabel = "PID",
            description = "With --nodes: every node's local pid, same order (needed by kill, pause, rolling-restart).")
    List<Long> pids;

    @Option(names = "--remoting", split = ",", paramLabel = "HOST:PORT",
            description = "With --nodes: every node's Artery address, each on its own 127.0.0.x (needed by partition).")
    List<String> remoting;

    @Option(names = "--admin", split = ",", paramLabel = "HOST:PORT",
            description = "With --nodes: every node's admin HTTP address (readiness after a rolling restart).")
    List<String> admin;

    @Override
    protected Counts counts() {
        return new Counts(pairs + fanIn, pairs + (fanIn > 0 ? 1 : 0), 1, 1, 0);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /** Chaos defaults for the shared options the user did not give. */
    void applyDefaults() {
        if (given("--host") || given("--port")) {
            throw new IllegalArgumentException("chaos targets a cluster: use --nodes host:port,... (or let it launch "
                    + "one), not --host/--port");
        }
        if (!given("--qos")) {
            traffic.qos = List.of(QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE);
        }
        if (!given("--duration")) {
            traffic.duration = Duration.ofSeconds(70);
        }
        if (!given("--rate") && !given("--total-rate")) {
            traffic.rate = 2;
        }
        if (!given("--drain")) {
            traffic.drain = Duration.ofSeconds(30);
        }
        if (!given("--keep-alive")) {
            connection.keepAlive = 5;
        }
        connection.sourceAddresses = 0;
    }

    /** The validated plan (also used by tests). */
    public ChaosPlan plan(String runId) {
        List<InetSocketAddress> existing = addresses(nodes);
        for (InetSocketAddress a : existing) {
            TargetGuard.check(a.getHostString(), true, connection.allowRemote);
        }
        boolean launch = existing.isEmpty();
        return new ChaosPlan(scenario, victim, faultAt, faultFor, settle, pairs, fanIn, clusterSize,
                launch ? Arrays.asList(launcher.trim().split("\\s+")) : List.of(),
                runDir != null ? runDir : Path.of("data", "chaos", runId), clusterTimeout, existing,
                pids == null ? List.of() : pids, addresses(remoting), addresses(admin), keepSessions);
    }

    private static List<InetSocketAddress> addresses(List<String> hostPorts) {
        return hostPorts == null ? List.of() : hostPorts.stream().map(ClusterState::address).toList();
    }

    @Override
    public RunConfig config() {
        applyDefaults();
        return super.config();
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunConfig config;
        ChaosPlan plan;
        ChaosRun run;
        try {
            config = config();
            String runId = config.clientIdPrefix().replaceAll("[^A-Za-z0-9]", "");
            runId = runId.substring(Math.max(0, runId.length() - 6));
            plan = plan(runId);
            FileDescriptors.checkRoomFor((long) config.publishers() + config.subscribers());
            run = new ChaosRun(plan, config, runId, Commands.SYSTEM, System.err);
        } catch (IllegalArgumentException e) {
            err.println("murmur-load: " + e.getMessage());
            return USAGE;
        }
        ChaosReport report;
        try {
            report = run.run();
        } catch (ChaosRun.Refused e) {
            err.println("murmur-load chaos: " + e.getMessage());
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("murmur-load chaos: interrupted");
            return FAILED;
        }
        ChaosReports.print(report, System.out);
        Path json = traffic.json != null ? traffic.json : plan.launches() ? plan.runDir().resolve("chaos.json") : null;
        Path html = traffic.html != null ? traffic.html : plan.launches() ? plan.runDir().resolve("chaos.html") : null;
        try {
            if (json != null) {
                ChaosReports.writeJson(report, json);
                System.out.println("  JSON report: " + json);
            }
            if (html != null) {
                ChaosReports.writeHtml(report, html);
                System.out.println("  HTML report: " + html);
            }
        } catch (IOException e) {
            err.println("murmur-load: cannot write report: " + e.getMessage());
            return FAILED;
        }
        return report.passed() ? 0 : FAILED;
    }
}
