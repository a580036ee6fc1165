package dev.murmur.load.report;

import dev.murmur.load.verify.LatencySummary;
import dev.murmur.load.verify.QosVerdict;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The summary printed at the end of a run: settings, throughput, connections, verdict per QoS. */
public final class ConsoleReport {
    private ConsoleReport() {
    }

    public static void print(RunReport r, PrintStream out) {
        print(r, out, r.passed());
    }

    /** With the overall verdict given (a chaos run judges refused connects to a dead node differently). */
    static void print(RunReport r, PrintStream out, boolean passed) {
        out.println();
        out.printf(Locale.ROOT, "murmur-load %s — %s%n", r.scenario(), passed ? "PASSED" : "FAILED");
        r.settings().forEach((k, v) -> out.printf(Locale.ROOT, "  %-17s %s%n", k, v));
        out.println();
        out.printf(Locale.ROOT, "  measured          %.1f s of %.1f s%n", r.measuredSeconds(), r.elapsedSeconds());
        out.printf(Locale.ROOT, "  throughput        %s msg/s sent, %s msg/s delivered%n", Units.rate(r.sentPerSecond()),
                Units.rate(r.deliveredPerSecond()));
        ConnectionSummary c = r.connections();
        out.printf(Locale.ROOT, "  connections       %,d of %,d connected (peak %,d open), %,d failed, %,d dropped, "
                + "%s/s%n", c.connected(), c.attempts(), c.peakOpen(), c.failed(), c.dropped(),
                Units.rate(c.connectRatePerSecond()));
        if (c.connectLatency().count() > 0) {
            out.printf(Locale.ROOT, "  CONNACK latency   %s%n", latency(c.connectLatency()));
        }
        causes("connect failures", c.failures(), out);
        causes("drops", c.drops(), out);
        for (QosVerdict q : r.verdict().byQos()) {
            out.printf(Locale.ROOT, "  QoS %d             %,d publishers: sent %,d, acknowledged %,d, delivered %,d of "
                    + "%,d expected%n", q.qos(), q.publishers(), q.sent(), q.acknowledged(), q.delivered(),
                    q.expectedDeliveries());
            out.printf(Locale.ROOT, "                    lost %,d, duplicated %,d, out of order %,d, fan-out %.2f of "
                    + "%.2f%n", q.lost(), q.duplicated(), q.outOfOrder(), q.actualFanOut(), q.expectedFanOut());
            out.printf(Locale.ROOT, "                    latency %s%n", latency(q.latency()));
        }
        TargetSummary t = r.target();
        if (t != null) {
            out.printf(Locale.ROOT, "  target pid %-6d  rss %s → peak %s, cpu %.2f s", t.pid(),
                    Units.bytes(t.baselineRssBytes()), Units.bytes(t.peakRssBytes()), t.cpuSeconds());
            if (t.cpuSecondsPer100kMessages() > 0) {
                out.printf(Locale.ROOT, " (%.3f s per 100k deliveries)", t.cpuSecondsPer100kMessages());
            }
            // Memory per connection means something only when connections are the load.
            if (t.rssBytesPerConnection() > 0 && r.scenario().equals("connections")) {
                out.printf(Locale.ROOT, ", %s per connection", Units.bytes(t.rssBytesPerConnection()));
            }
            out.println();
        }
        for (RunEvent e : r.events()) {
            out.printf(Locale.ROOT, "  %7.1fs          %s%n", e.second(), e.what());
        }
        for (String f : r.verdict().failures()) {
            out.println("  FAIL  " + f);
        }
        for (String e : r.errors()) {
            out.println("  ERROR " + e);
        }
    }

    private static void causes(String what, Map<String, Long> causes, PrintStream out) {
        causes.forEach((cause, n) -> out.printf(Locale.ROOT, "    %s: %,d × %s%n", what, n, cause));
    }

    static String latency(LatencySummary l) {
        if (l.count() == 0) {
            return "no samples";
        }
        return "p50 " + Units.micros(l.p50()) + ", p90 " + Units.micros(l.p90()) + ", p99 " + Units.micros(l.p99())
                + ", p99.9 " + Units.micros(l.p999()) + ", max " + Units.micros(l.max()) + " (" + l.count() + " samples)";
    }
}
