package dev.murmur.load.report;

import dev.murmur.load.verify.PhaseVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Console, JSON and HTML output of a {@link ChaosReport}: the ordinary run report with a chaos
 * section (fault, phases, recovery) added, and the fault window shaded on the HTML throughput
 * chart.
 */
public final class ChaosReports {
    private static final int LOST_SHOWN = 10;

    private ChaosReports() {
    }

    public static void print(ChaosReport r, PrintStream out) {
        ConsoleReport.print(r.run(), out, r.passed());
        out.println();
        out.printf(Locale.ROOT, "chaos %s — %s%n", r.fault(), r.passed() ? "PASSED" : "FAILED");
        out.printf(Locale.ROOT, "  cluster           %s%n", r.cluster());
        out.printf(Locale.ROOT, "  fault             %s%n", r.faultDescribed());
        out.printf(Locale.ROOT, "  fault window      %s%n", window(r));
        out.printf(Locale.ROOT, "  devices           %,d cut off, %,d served again, %,d sessions lost%n", r.cutOffs(),
                r.reconnects(), r.sessionsLost());
        out.printf(Locale.ROOT, "  served again      %s%n", recovery(r.recoverySeconds()));
        out.printf(Locale.ROOT, "  deliveries back   %s%n", resumed(r.resumedSeconds()));
        if (!r.restarts().isEmpty()) {
            out.printf(Locale.ROOT, "  node restarts     %s%n", r.restarts());
        }
        out.printf(Locale.ROOT, "  %-7s %-4s %10s %12s %10s %8s %10s %12s%n", "phase", "QoS", "sent", "acknowledged",
                "delivered", "lost", "duplicated", "out of order");
        for (PhaseVerdict p : r.phases()) {
            out.printf(Locale.ROOT, "  %-7s %-4d %,10d %,12d %,10d %,8d %,10d %,12d%n", p.phase().label(), p.qos(),
                    p.sent(), p.acknowledged(), p.delivered(), p.lost(), p.duplicated(), p.outOfOrder());
        }
        out.printf(Locale.ROOT, "  verdict           %,d acknowledged messages lost, %,d QoS 2 duplicates%n",
                r.acknowledgedLost(), r.qos2Duplicates());
        if (!r.lostByReceiver().isEmpty()) {
            out.printf(Locale.ROOT, "  lost by receiver  %s%n", lostSummary(r));
        }
        for (String e : r.errors()) {
            out.println("  ERROR " + e);
        }
    }

    private static String window(ChaosReport r) {
        if (r.faultStart() < 0) {
            return "never injected";
        }
        return String.format(Locale.ROOT, "%.1f s → %s", r.faultStart(),
                r.faultEnd() < 0 ? "not healed" : String.format(Locale.ROOT, "%.1f s", r.faultEnd()));
    }

    /** The ten receivers that lost most, and how many others lost any. */
    static String lostSummary(ChaosReport r) {
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (Map.Entry<String, Long> e : r.lostByReceiver().entrySet()) {
            if (shown++ == LOST_SHOWN) {
                b.append(", and ").append(r.lostByReceiver().size() - LOST_SHOWN).append(" more");
                break;
            }
            b.append(shown > 1 ? ", " : "").append(e.getKey()).append(' ').append(e.getValue());
        }
        return b.toString();
    }

    static String recovery(double seconds) {
        if (seconds < 0) {
            return "never: some devices were not served again";
        }
        return seconds == 0 ? "no device was cut off"
                : String.format(Locale.ROOT, "%.1f s after the fault started (last device reconnected and resumed)",
                seconds);
    }

    static String resumed(double seconds) {
        return seconds < 0 ? "never: some subscriber got no message published after the fault started"
                : String.format(Locale.ROOT, "%.1f s after the fault started (every subscriber got a message published "
                + "after it)", seconds);
    }

    public static void writeJson(ChaosReport r, Path file) throws IOException {
        write(file, Json.write(toMap(r)));
    }

    public static void writeHtml(ChaosReport r, Path file) throws IOException {
        write(file, HtmlReport.render(r.run(), toMap(r), section(r)));
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** The run's JSON report with {@code passed} for the chaos verdict and a {@code chaos} object. */
    public static Map<String, Object> toMap(ChaosReport r) {
        Map<String, Object> m = JsonReport.toMap(r.run());
        m.put("passed", r.passed());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("fault", r.fault());
        c.put("described", r.faultDescribed());
        c.put("cluster", r.cluster());
        c.put("faultStartSecond", r.faultStart());
        c.put("faultEndSecond", r.faultEnd());
        c.put("acknowledgedLost", r.acknowledgedLost());
        c.put("qos2Duplicates", r.qos2Duplicates());
        c.put("cutOffs", r.cutOffs());
        c.put("reconnects", r.reconnects());
        c.put("sessionsLost", r.sessionsLost());
        c.put("recoverySeconds", r.recoverySeconds());
        c.put("deliveriesResumedSeconds", r.resumedSeconds());
        c.put("restarts", r.restarts());
        c.put("lostByReceiver", r.lostByReceiver());
        List<Object> phases = new ArrayList<>();
        for (PhaseVerdict p : r.phases()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("phase", p.phase().label());
            pm.put("qos", p.qos());
            pm.put("sent", p.sent());
            pm.put("acknowledged", p.acknowledged());
            pm.put("expectedDeliveries", p.expectedDeliveries());
            pm.put("delivered", p.delivered());
            pm.put("lost", p.lost());
            pm.put("duplicated", p.duplicated());
            pm.put("outOfOrder", p.outOfOrder());
            phases.add(pm);
        }
        c.put("phases", phases);
        c.put("errors", r.errors());
        m.put("chaos", c);
        if (r.faultStart() >= 0) {
            double end = r.faultEnd() >= 0 ? r.faultEnd() : r.run().elapsedSeconds();
            m.put("faultWindows", List.of(List.of(r.faultStart(), end, r.fault())));
        }
        return m;
    }

    private static String section(ChaosReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<h2>Chaos: <code>").append(HtmlReport.esc(r.fault())).append("</code> <span class=\"")
                .append(r.passed() ? "pass\">PASSED" : "fail\">FAILED").append("</span></h2>\n<table>");
        row(b, "cluster", r.cluster());
        row(b, "fault", r.faultDescribed());
        row(b, "fault window", window(r) + " (shaded on the throughput chart)");
        row(b, "devices", String.format(Locale.ROOT, "%,d cut off, %,d served again, %,d sessions lost", r.cutOffs(),
                r.reconnects(), r.sessionsLost()));
        row(b, "served again", recovery(r.recoverySeconds()));
        row(b, "deliveries back", resumed(r.resumedSeconds()));
        row(b, "acknowledged lost", Long.toString(r.acknowledgedLost()));
        row(b, "QoS 2 duplicates", Long.toString(r.qos2Duplicates()));
        if (!r.restarts().isEmpty()) {
            row(b, "node restarts", r.restarts().toString());
        }
        if (!r.lostByReceiver().isEmpty()) {
            row(b, "lost by receiver", lostSummary(r));
        }
        b.append("</table>\n<h3>Verdict per phase</h3><table><tr><th>phase</th><th>QoS</th><th>sent</th>"
                + "<th>acknowledged</th><th>expected</th><th>delivered</th><th>lost</th><th>duplicated</th>"
                + "<th>out of order</th></tr>");
        for (PhaseVerdict p : r.phases()) {
            b.append("<tr><td>").append(p.phase().label()).append("</td><td>").append(p.qos()).append("</td>");
            for (long n : new long[] {p.sent(), p.acknowledged(), p.expectedDeliveries(), p.delivered()}) {
                b.append("<td>").append(String.format(Locale.ROOT, "%,d", n)).append("</td>");
            }
            cell(b, p.lost(), p.qos() > 0);
            cell(b, p.duplicated(), p.qos() == 2);
            cell(b, p.outOfOrder(), false);
            b.append("</tr>");
        }
        b.append("</table>\n");
        if (!r.errors().isEmpty()) {
            b.append("<ul class=\"problems\">");
            r.errors().forEach(e -> b.append("<li>").append(HtmlReport.esc(e)).append("</li>"));
            b.append("</ul>\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(HtmlReport.esc(k)).append("</th><td>").append(HtmlReport.esc(v))
                .append("</td></tr>");
    }

    private static void cell(StringBuilder b, long n, boolean fails) {
        b.append(n > 0 && fails ? "<td class=\"fail\">" : "<td>").append(String.format(Locale.ROOT, "%,d", n))
                .append("</td>");
    }
}
