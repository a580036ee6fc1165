package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientEngine;
import dev.murmur.load.client.ConnectionStats;
import dev.murmur.load.report.ConnectionSummary;
import dev.murmur.load.report.RunReport;
import dev.murmur.load.report.TargetSummary;
import dev.murmur.load.verify.LatencySummary;
import dev.murmur.load.verify.LiveCounters;
import dev.murmur.load.verify.Verdict;
import dev.murmur.load.verify.Verifier;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one scenario through its phases — set up, warm up, measure, stop, drain, verdict, tear
 * down — calling the {@link FaultSchedule} around traffic, and turns the outcome into a
 * {@link RunReport}. Every wait is bounded; a run never outlives {@link RunConfig#hardLimit()}.
 */
public final class ScenarioRunner {
    /** A drain ends early once nothing arrived and nothing was in flight for this long. */
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long POLL_MILLIS = 20;

    private final RunConfig config;
    private final FaultSchedule faults;
    private final PrintStream progressOut;

    /** {@code progressOut} receives the live progress line when the config asks for it (may be null). */
    public ScenarioRunner(RunConfig config, FaultSchedule faults, PrintStream progressOut) {
        this.config = config;
        this.faults = faults;
        this.progressOut = progressOut;
    }

    public RunReport run(Scenario scenario) {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        long deadline = start + config.hardLimit().toNanos();
        Verifier verifier = new Verifier();
        List<String> errors = new ArrayList<>();
        long planned = (long) config.publishers() + config.subscribers() + config.connections();
        try (ClientEngine engine = new ClientEngine(config.transport(), planned)) {
            RunContext ctx = new RunContext(config, engine, verifier, new MessageBudget(config.maxMessages()), start);
            Sampler sampler = new Sampler(config, engine, verifier.live(), start,
                    config.progress() ? progressOut : null);
            sampler.start();
            Phases phases = new Phases();
            try {
                ctx.note("connecting");
                scenario.setUp(ctx);
                phases.connectSeconds = (System.nanoTime() - start) / 1e9;
                traffic(scenario, ctx, phases, sampler, deadline);
            } catch (ScenarioException e) {
                errors.add(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("interrupted");
            } catch (Exception e) {
                errors.add(scenario.name() + " failed: " + e);
            }
            if (phases.connectSeconds == 0) {
                phases.connectSeconds = (System.nanoTime() - start) / 1e9;
            }
            Verdict verdict = verifier.verdict(scenario.orderingExpected());
            errors.addAll(scenario.failures());
            try {
                scenario.tearDown(ctx);
            } catch (Exception e) {
                ctx.note("tear-down: " + e.getMessage());
            }
            sampler.stop();
            if (System.nanoTime() > deadline) {
                errors.add("hard time limit of " + config.hardLimit().toSeconds() + " s reached");
            }
            if (ctx.refused() > 0) {
                ctx.note(ctx.refused() + " publishes refused by the broker with an error reason code");
            }
            return report(scenario, startedAt, start, ctx, engine, sampler, phases, verdict, errors);
        }
    }

    /** Measured-window bookkeeping. */
    private static final class Phases {
        double connectSeconds;
        long measureStart;
        long measureEnd;
        long sentAtStart;
        long sentAtEnd;
        long deliveredAtStart;
        long deliveredAtEnd;
    }

    private void traffic(Scenario scenario, RunContext ctx, Phases p, Sampler sampler, long deadline)
            throws Exception {
        LiveCounters live = ctx.verifier().live();
        faults.before(ctx);
        boolean traffic = scenario.hasTraffic();
        ctx.note(traffic ? "traffic started" : "holding connections");
        long trafficStart = System.nanoTime();
        sampler.onTick(() -> {
            double elapsed = (System.nanoTime() - trafficStart) / 1e9;
            scenario.tick(ctx, elapsed);
            faults.during(ctx, Duration.ofNanos(System.nanoTime() - trafficStart));
        });
        scenario.start(ctx);
        waitFor(config.warmup(), ctx, deadline);
        ctx.verifier().measureFrom(System.nanoTime());
        p.measureStart = System.nanoTime();
        p.sentAtStart = live.sent();
        p.deliveredAtStart = live.delivered();
        if (!config.warmup().isZero()) {
            ctx.note("warm-up over, measuring");
        }
        waitFor(config.duration(), ctx, deadline);
        p.measureEnd = System.nanoTime();
        p.sentAtEnd = live.sent();
        p.deliveredAtEnd = live.delivered();
        sampler.onTick(null);
        scenario.stop(ctx);
        if (traffic) {
            ctx.note(ctx.budget().exhausted() ? "message budget spent, publishing stopped" : "publishing stopped");
        } else {
            ctx.note("hold over");
        }
        faults.after(ctx);
        drain(ctx, live, deadline);
        // Late deliveries count for the verdict but not for the rate of the measured window.
    }

    private static void waitFor(Duration d, RunContext ctx, long deadline) throws InterruptedException {
        long end = Math.min(System.nanoTime() + d.toNanos(), deadline);
        while (System.nanoTime() < end && !ctx.budget().exhausted()) {
            TimeUnit.MILLISECONDS.sleep(Math.min(POLL_MILLIS, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private void drain(RunContext ctx, LiveCounters live, long deadline) throws InterruptedException {
        long end = Math.min(System.nanoTime() + config.drain().toNanos(), deadline);
        long lastDelivered = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            long delivered = live.delivered() + live.duplicated();
            if (delivered != lastDelivered || ctx.inflight() > 0) {
                lastDelivered = delivered;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET_NANOS) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        ctx.note("drain timed out with " + ctx.inflight() + " messages unacknowledged");
    }

    private RunReport report(Scenario scenario, Instant startedAt, long start, RunContext ctx, ClientEngine engine,
                             Sampler sampler, Phases p, Verdict verdict, List<String> errors) {
        double measured = p.measureEnd > p.measureStart ? (p.measureEnd - p.measureStart) / 1e9 : 0;
        ConnectionStats cs = engine.stats();
        ConnectionSummary connections = new ConnectionSummary(cs.attempts(), cs.connected(), cs.failed(), cs.dropped(),
                cs.peakOpen(), p.connectSeconds > 0 ? cs.connected() / p.connectSeconds : 0,
                LatencySummary.of(cs.connectLatency()), cs.failuresByCause(), cs.dropsByCause());
        TargetSummary target = sampler.targetSummary(ctx.verifier().live().delivered(), cs.peakOpen());
        return new RunReport(scenario.name(), startedAt, Settings.of(config, engine), measured,
                (System.nanoTime() - start) / 1e9,
                measured > 0 ? (p.sentAtEnd - p.sentAtStart) / measured : 0,
                measured > 0 ? (p.deliveredAtEnd - p.deliveredAtStart) / measured : 0,
                connections, verdict, sampler.samples(), ctx.events(), target, errors);
    }
}
