package dev.murmur.load.chaos;

import dev.murmur.load.client.TransportOptions;
import dev.murmur.load.report.ChaosReport;
import dev.murmur.load.report.RunReport;
import dev.murmur.load.scenario.ChaosScenario;
import dev.murmur.load.scenario.DeviceTracker;
import dev.murmur.load.scenario.RunConfig;
import dev.murmur.load.scenario.ScenarioRunner;
import dev.murmur.load.verify.Verifier;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One chaos run from start to verdict: checks what the fault needs (root and nft for a
 * partition), obtains the cluster (launches it, or uses the named one), runs the chaos workload
 * through the ordinary {@link ScenarioRunner} with a {@link ChaosSchedule} as its fault hook,
 * and always heals the fault and stops what it launched, also when something fails.
 */
public final class ChaosRun {
    /** Thrown when the run cannot start here (not root, no nft, cluster did not come up). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final ChaosPlan plan;
    private final RunConfig config;
    private final String runId;
    private final Commands commands;
    private final PrintStream log;
    private volatile ChaosSchedule current;

    /**
     * {@code config}: the workload's settings (its transport's host and port are replaced by the
     * cluster's nodes); {@code runId}: letters and digits naming the nft table; {@code log}: where
     * progress and the launcher's output go (may be null).
     */
    public ChaosRun(ChaosPlan plan, RunConfig config, String runId, Commands commands, PrintStream log) {
        plan.checkFits(config.warmup().plus(config.duration()));
        this.plan = plan;
        this.config = config;
        this.runId = runId;
        this.commands = commands;
        this.log = log;
    }

    public ChaosReport run() throws InterruptedException {
        if (plan.fault().equals("partition")) {
            String why = NftPartition.unavailable(commands);
            if (why != null) {
                throw new Refused(why);
            }
        }
        ClusterTarget target = obtain();
        ChaosSchedule schedule = null;
        try {
            ChaosScenario scenario = new ChaosScenario(plan.pairs(), plan.fanIn(), target.mqtt(), plan.keepSessions());
            Fault fault = fault(target);
            schedule = new ChaosSchedule(fault, plan.faultAt(), plan.faultFor(), plan.settle(), scenario);
            current = schedule;
            say("chaos " + plan.fault() + ": " + fault.describe() + " at " + plan.faultAt().toSeconds() + " s of "
                    + config.warmup().plus(config.duration()).toSeconds() + " s of traffic");
            RunReport run = new ScenarioRunner(onCluster(config, target.mqtt().get(0)), schedule, log).run(scenario);
            return report(run, fault, target, schedule, scenario.tracker(), scenario.subscriberCount());
        } finally {
            if (schedule != null) {
                schedule.close();
            }
            target.close();
        }
    }

    private ClusterTarget obtain() throws InterruptedException {
        if (!plan.launches()) {
            return new ExistingCluster(plan.nodes(), plan.pids(), plan.remoting(), plan.admin());
        }
        say("starting a " + plan.clusterSize() + "-node cluster in " + plan.runDir() + " ...");
        try {
            return LaunchedCluster.start(plan.launcher(), plan.clusterSize(), plan.runDir(),
                    plan.fault().equals("partition"), plan.upTimeout(), this::launcherSaid);
        } catch (IOException | IllegalStateException e) {
            throw new Refused("could not start the cluster with " + LaunchedCluster.abbreviate(plan.launcher()) + ": "
                    + e.getMessage());
        }
    }

    private Fault fault(ClusterTarget target) {
        Signals signals = new Signals(commands);
        int victim = plan.victim();
        return switch (plan.fault()) {
            case "kill" -> new Fault.Kill(target, signals, victim);
            case "pause" -> new Fault.Pause(target, signals, victim);
            case "rolling-restart" -> new Fault.RollingRestart(target, signals, plan.settle());
            case "partition" -> {
                List<InetSocketAddress> others = new ArrayList<>();
                for (int i = 1; i <= target.size(); i++) {
                    if (i != victim) {
                        others.add(target.remoting(i));
                    }
                }
                yield new Fault.Partition(new NftPartition(commands, runId, target.remoting(victim), others), victim);
            }
            default -> throw new IllegalArgumentException("unknown fault " + plan.fault());
        };
    }

    /** The config aimed at the cluster's first node (devices then spread over all of them). */
    static RunConfig onCluster(RunConfig c, InetSocketAddress first) {
        TransportOptions t = c.transport();
        TransportOptions aimed = new TransportOptions(first.getHostString(), first.getPort(), t.threads(),
                t.transport(), t.tls(), t.webSocketPath(), 0, t.connectTimeout());
        return new RunConfig(c.scenario(), aimed, c.client(), c.qos(), c.payloadSize(), c.ratePerPublisher(),
                c.warmup(), c.duration(), c.drain(), c.maxMessages(), c.connectRate(), c.maxConnecting(),
                c.publishers(), c.subscribers(), c.groups(), c.topics(), c.connections(), c.topicPrefix(),
                c.clientIdPrefix(), c.reconnectEvery(), c.offlineFor(), c.targetPid(), c.progress());
    }

    private ChaosReport report(RunReport run, Fault fault, ClusterTarget target, ChaosSchedule schedule,
                               DeviceTracker tracker, int subscribers) {
        long start = schedule.runStartNanos();
        long injected = schedule.startedNanos();
        long healed = schedule.healedNanos();
        Verifier verifier = schedule.verifier();
        List<Integer> restarts;
        try {
            restarts = target.restarts();
        } catch (RuntimeException e) {
            restarts = List.of();
        }
        return new ChaosReport(run, plan.fault(), fault.describe(), target.describe(),
                injected < 0 ? -1 : (injected - start) / 1e9, healed < 0 ? -1 : (healed - start) / 1e9,
                verifier == null ? List.of() : verifier.phaseVerdicts(), tracker.cutOffs(), tracker.reconnects(),
                tracker.sessionsLost(), tracker.recoverySeconds(injected < 0 ? start : injected),
                tracker.deliveriesResumedSeconds(subscribers), restarts,
                verifier == null ? java.util.Map.of() : verifier.lostByReceiver(),
                schedule.errors());
    }

    /** Launcher output: echoed, and node exits and restarts go on the run's timeline. */
    private void launcherSaid(String line) {
        say("  cluster | " + line);
        ChaosSchedule s = current;
        if (s != null && line.startsWith("murmur: node-")) {
            s.note(line.substring("murmur: ".length()));
        }
    }

    private void say(String line) {
        if (log != null) {
            log.println(line);
        }
    }
}
