package dev.murmur.load.report;

import dev.murmur.load.verify.QosVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The self-contained HTML report (--html): tables written here, and charts of throughput over
 * time, latency percentiles and target memory drawn as inline SVG by a small inline script from
 * the embedded JSON report. No external script, style sheet or font is referenced.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static void write(RunReport r, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    public static String render(RunReport r) {
        return render(r, JsonReport.toMap(r), "");
    }

    /**
     * Renders {@code r} with {@code data} as the embedded JSON the charts read (it may add
     * {@code faultWindows}: [[from, to, label]] seconds, shaded on the throughput chart) and
     * {@code extraHtml} (already escaped) after the summary cards.
     */
    static String render(RunReport r, Map<String, Object> data, String extraHtml) {
        // A chaos verdict may differ from the plain run's (refused connects to a dead node are expected).
        boolean passed = data.get("passed") instanceof Boolean p ? p : r.passed();
        StringBuilder b = new StringBuilder(32 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>murmur-load ")
                .append(esc(r.scenario())).append("</title>\n<style>").append(HtmlAssets.CSS).append("</style>\n")
                .append("</head><body>\n");
        b.append("<h1>murmur-load <code>").append(esc(r.scenario())).append("</code> <span class=\"")
                .append(passed ? "pass\">PASSED" : "fail\">FAILED").append("</span></h1>\n");
        b.append("<p class=\"muted\">started ").append(esc(r.startedAt().toString())).append(", ")
                .append(fmt("%.1f", r.measuredSeconds())).append(" s measured of ")
                .append(fmt("%.1f", r.elapsedSeconds())).append(" s</p>\n");
        problems(r, b);
        summary(r, b);
        b.append(extraHtml);
        b.append("<h2>Throughput</h2><div id=\"throughput\" class=\"chart\"></div>\n");
        b.append("<h2>Latency distribution</h2><div id=\"latency\" class=\"chart\"></div>\n");
        verdicts(r, b);
        connections(r, b);
        b.append("<div id=\"conns\" class=\"chart\"></div>\n");
        if (r.target() != null) {
            b.append("<h2>Target memory</h2><div id=\"memory\" class=\"chart\"></div>\n");
        }
        events(r, b);
        b.append("<h2>Settings</h2><table>");
        for (Map.Entry<String, String> e : r.settings().entrySet()) {
            b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue()))
                    .append("</td></tr>");
        }
        b.append("</table>\n");
        b.append("<script type=\"application/json\" id=\"report-data\">").append(Json.write(data))
                .append("</script>\n<script>").append(HtmlAssets.SCRIPT).append("</script>\n</body></html>\n");
        return b.toString();
    }

    private static void problems(RunReport r, StringBuilder b) {
        if (r.verdict().failures().isEmpty() && r.errors().isEmpty()) {
            return;
        }
        b.append("<ul class=\"problems\">");
        for (String f : r.verdict().failures()) {
            b.append("<li>").append(esc(f)).append("</li>");
        }
        for (String e : r.errors()) {
            b.append("<li>").append(esc(e)).append("</li>");
        }
        b.append("</ul>\n");
    }

    private static void summary(RunReport r, StringBuilder b) {
        b.append("<div class=\"cards\">");
        card(b, "sent", Units.rate(r.sentPerSecond()) + " msg/s");
        card(b, "delivered", Units.rate(r.deliveredPerSecond()) + " msg/s");
        double p99 = r.verdict().byQos().stream().mapToDouble(q -> q.latency().p99()).max().orElse(0);
        card(b, "p99 latency", Units.micros(p99));
        card(b, "connections", String.format(Locale.ROOT, "%,d", r.connections().connected()));
        if (r.target() != null) {
            card(b, "target peak RSS", Units.bytes(r.target().peakRssBytes()));
            card(b, "target CPU", fmt("%.2f s", r.target().cpuSeconds()));
        }
        b.append("</div>\n");
    }

    private static void card(StringBuilder b, String label, String value) {
        b.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\">")
                .append(esc(value)).append("</div></div>");
    }

    private static void verdicts(RunReport r, StringBuilder b) {
        if (r.verdict().byQos().isEmpty()) {
            return;
        }
        b.append("<h2>Verdict per QoS</h2><table><tr><th>QoS</th><th>publishers</th><th>sent</th>"
                + "<th>acknowledged</th><th>expected</th><th>delivered</th><th>lost</th><th>duplicated</th>"
                + "<th>out of order</th><th>fan-out (expected)</th><th>p50</th><th>p90</th><th>p99</th>"
                + "<th>p99.9</th><th>max</th></tr>");
        for (QosVerdict q : r.verdict().byQos()) {
            b.append("<tr><td>").append(q.qos()).append("</td>");
            for (long n : new long[] {q.publishers(), q.sent(), q.acknowledged(), q.expectedDeliveries(),
                    q.delivered()}) {
                b.append("<td>").append(fmt("%,d", n)).append("</td>");
            }
            bad(b, q.lost(), q.qos() > 0);
            bad(b, q.duplicated(), q.qos() == 2);
            bad(b, q.outOfOrder(), true);
            b.append("<td>").append(fmt("%.2f (%.2f)", q.actualFanOut(), q.expectedFanOut())).append("</td>");
            for (double us : new double[] {q.latency().p50(), q.latency().p90(), q.latency().p99(), q.latency().p999(),
                    q.latency().max()}) {
                b.append("<td>").append(esc(Units.micros(us))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table>\n");
    }

    private static void bad(StringBuilder b, long n, boolean counts) {
        b.append(n > 0 && counts ? "<td class=\"fail\">" : "<td>").append(fmt("%,d", n)).append("</td>");
    }

    private static void connections(RunReport r, StringBuilder b) {
        ConnectionSummary c = r.connections();
        b.append("<h2>Connections</h2><table><tr><th>attempts</th><th>connected</th><th>failed</th><th>dropped</th>"
                + "<th>peak open</th><th>connect rate</th><th>CONNACK p50</th><th>CONNACK p99</th></tr><tr>");
        for (long n : new long[] {c.attempts(), c.connected(), c.failed(), c.dropped(), c.peakOpen()}) {
            b.append("<td>").append(fmt("%,d", n)).append("</td>");
        }
        b.append("<td>").append(Units.rate(c.connectRatePerSecond())).append("/s</td><td>")
                .append(esc(Units.micros(c.connectLatency().p50()))).append("</td><td>")
                .append(esc(Units.micros(c.connectLatency().p99()))).append("</td></tr></table>\n");
        causes("Connect failures", c.failures(), b);
        causes("Drops", c.drops(), b);
    }

    private static void causes(String title, Map<String, Long> causes, StringBuilder b) {
        if (causes.isEmpty()) {
            return;
        }
        b.append("<h3>").append(esc(title)).append("</h3><table>");
        causes.forEach((k, v) -> b.append("<tr><td>").append(fmt("%,d", v)).append("</td><td>").append(esc(k))
                .append("</td></tr>"));
        b.append("</table>\n");
    }

    private static void events(RunReport r, StringBuilder b) {
        b.append("<h2>Timeline</h2><table>");
        for (RunEvent e : r.events()) {
            b.append("<tr><td>").append(fmt("%.1f s", e.second())).append("</td><td>").append(esc(e.what()))
                    .append("</td></tr>");
        }
        b.append("</table>\n");
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
