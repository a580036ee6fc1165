package dev.murmur.load.scenario;

import dev.murmur.load.client.ClientEngine;
import dev.murmur.load.report.ProgressLine;
import dev.murmur.load.report.Sample;
import dev.murmur.load.report.TargetSummary;
import dev.murmur.load.target.ProcessStats;
import dev.murmur.load.verify.LiveCounters;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Once a second: records a throughput sample, samples the target process, prints the progress
 * line and runs the traffic-phase tick (scenario and fault schedule). One daemon thread.
 */
final class Sampler {
    private static final double NANOS_PER_MICRO = 1_000.0;

    private final ClientEngine engine;
    private final LiveCounters live;
    private final long startNanos;
    private final Integer pid;
    private final ProgressLine progress;
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "murmur-load-sampler");
        t.setDaemon(true);
        return t;
    });
    private final ProcessStats.Sample targetAtStart;
    private volatile Runnable tick;
    private volatile ProcessStats.Sample targetLast;
    private long peakRss;
    private long lastSent;
    private long lastAcked;
    private long lastDelivered;

    Sampler(RunConfig config, ClientEngine engine, LiveCounters live, long startNanos, PrintStream progressOut) {
        this.engine = engine;
        this.live = live;
        this.startNanos = startNanos;
        this.pid = config.targetPid();
        this.progress = progressOut == null ? null : new ProgressLine(progressOut, config.scenario());
        this.targetAtStart = pid == null ? null : ProcessStats.read(pid);
        this.targetLast = targetAtStart;
        this.peakRss = targetAtStart == null ? 0 : targetAtStart.rssBytes();
    }

    void start() {
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    /** Sets (or clears, with null) the traffic-phase tick. */
    void onTick(Runnable r) {
        this.tick = r;
    }

    private void sample() {
        try {
            long sent = live.sent();
            long acked = live.acknowledged();
            long delivered = live.delivered();
            Histogram interval = live.sampleInterval();
            double p99 = interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / NANOS_PER_MICRO;
            long rss = 0;
            if (pid != null) {
                ProcessStats.Sample s = ProcessStats.read(pid);
                if (s != null) {
                    targetLast = s;
                    rss = s.rssBytes();
                    synchronized (this) {
                        peakRss = Math.max(peakRss, rss);
                    }
                }
            }
            double second = (System.nanoTime() - startNanos) / 1e9;
            Sample sample = new Sample(Math.round(second * 10) / 10.0, sent - lastSent, acked - lastAcked,
                    delivered - lastDelivered, engine.stats().open(), p99, rss);
            lastSent = sent;
            lastAcked = acked;
            lastDelivered = delivered;
            samples.add(sample);
            if (progress != null) {
                progress.print(sample);
            }
            Runnable r = tick;
            if (r != null) {
                r.run();
            }
        } catch (RuntimeException e) {
            // A failing tick must not stop sampling; the run's own checks report real problems.
            if (progress != null) {
                progress.message("sampler: " + e);
            }
        }
    }

    void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (progress != null) {
            progress.finish();
        }
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The target's memory and CPU over the run, or null without --pid (or if it could not be read). */
    TargetSummary targetSummary(long deliveredMessages, int peakConnections) {
        if (pid == null || targetAtStart == null) {
            return null;
        }
        ProcessStats.Sample end = ProcessStats.read(pid);
        if (end == null) {
            end = targetLast;
        }
        long peak;
        synchronized (this) {
            peak = Math.max(peakRss, end.rssBytes());
        }
        double cpu = end.cpuSeconds() - targetAtStart.cpuSeconds();
        double per100k = deliveredMessages == 0 ? 0 : cpu / (deliveredMessages / 100_000.0);
        double perConnection = peakConnections == 0 ? 0
                : (double) (peak - targetAtStart.rssBytes()) / peakConnections;
        return new TargetSummary(pid, targetAtStart.rssBytes(), peak, cpu, per100k, perConnection);
    }
}
