package dev.murmur.load.report;

import dev.murmur.load.verify.LatencySummary;
import dev.murmur.load.verify.QosVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report (--json): one object with the settings, throughput, connections,
 * the verdict per QoS with latency percentiles (microseconds), the per-second series, events and
 * the target's cost. Field names are stable: scripts such as bench/compare.sh read them.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static void write(RunReport r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, Json.write(toMap(r)), StandardCharsets.UTF_8);
    }

    /** The report as nested maps and lists, as written to JSON (also embedded in the HTML report). */
    public static Map<String, Object> toMap(RunReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "murmur-load");
        m.put("scenario", r.scenario());
        m.put("passed", r.passed());
        m.put("startedAt", r.startedAt().toString());
        m.put("settings", r.settings());
        m.put("measuredSeconds", r.measuredSeconds());
        m.put("elapsedSeconds", r.elapsedSeconds());
        m.put("sentPerSecond", r.sentPerSecond());
        m.put("deliveredPerSecond", r.deliveredPerSecond());
        m.put("connections", connections(r.connections()));
        List<Object> qos = new ArrayList<>();
        for (QosVerdict q : r.verdict().byQos()) {
            qos.add(qos(q));
        }
        m.put("qos", qos);
        m.put("unexpected", r.verdict().unexpected());
        m.put("malformed", r.verdict().malformed());
        m.put("failures", r.verdict().failures());
        m.put("errors", r.errors());
        m.put("target", r.target() == null ? null : target(r.target()));
        List<Object> series = new ArrayList<>();
        for (Sample s : r.series()) {
            series.add(List.of(s.second(), s.sent(), s.acknowledged(), s.delivered(), s.connections(), s.p99Micros(),
                    s.targetRssBytes()));
        }
        m.put("seriesColumns", List.of("second", "sent", "acknowledged", "delivered", "connections", "p99Micros",
                "targetRssBytes"));
        m.put("series", series);
        List<Object> events = new ArrayList<>();
        for (RunEvent e : r.events()) {
            events.add(Map.of("second", e.second(), "what", e.what()));
        }
        m.put("events", events);
        return m;
    }

    private static Map<String, Object> connections(ConnectionSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attempts", c.attempts());
        m.put("connected", c.connected());
        m.put("failed", c.failed());
        m.put("dropped", c.dropped());
        m.put("peakOpen", c.peakOpen());
        m.put("connectRatePerSecond", c.connectRatePerSecond());
        m.put("connackLatency", latency(c.connectLatency(), false));
        m.put("failures", new LinkedHashMap<>(c.failures()));
        m.put("drops", new LinkedHashMap<>(c.drops()));
        return m;
    }

    private static Map<String, Object> qos(QosVerdict q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("qos", q.qos());
        m.put("publishers", q.publishers());
        m.put("sent", q.sent());
        m.put("acknowledged", q.acknowledged());
        m.put("expectedDeliveries", q.expectedDeliveries());
        m.put("delivered", q.delivered());
        m.put("lost", q.lost());
        m.put("duplicated", q.duplicated());
        m.put("outOfOrder", q.outOfOrder());
        m.put("expectedFanOut", q.expectedFanOut());
        m.put("actualFanOut", q.actualFanOut());
        m.put("latencyMicros", latency(q.latency(), true));
        return m;
    }

    private static Map<String, Object> latency(LatencySummary l, boolean curve) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", l.count());
        m.put("p50", l.p50());
        m.put("p90", l.p90());
        m.put("p99", l.p99());
        m.put("p99_9", l.p999());
        m.put("max", l.max());
        m.put("mean", l.mean());
        if (curve) {
            List<Object> points = new ArrayList<>();
            for (LatencySummary.Point p : l.curve()) {
                points.add(List.of(p.percentile(), p.micros()));
            }
            m.put("percentiles", points);
        }
        return m;
    }

    private static Map<String, Object> target(TargetSummary t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", t.pid());
        m.put("baselineRssBytes", t.baselineRssBytes());
        m.put("peakRssBytes", t.peakRssBytes());
        m.put("cpuSeconds", t.cpuSeconds());
        m.put("cpuSecondsPer100kDeliveries", t.cpuSecondsPer100kMessages());
        m.put("rssBytesPerConnection", t.rssBytesPerConnection());
        return m;
    }
}
