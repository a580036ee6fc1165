package dev.murmur.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.load.verify.LatencySummary;
import dev.murmur.load.verify.Member;
import dev.murmur.load.verify.Payload;
import dev.murmur.load.verify.PublisherLedger;
import dev.murmur.load.verify.Verdict;
import dev.murmur.load.verify.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    /** A report with real verifier output: 100 QoS 1 messages, one lost, one duplicated. */
    private static RunReport sampleReport() {
        Verifier v = new Verifier();
        PublisherLedger p = v.publisher(0, 1);
        Member m = v.receiver("sub-0", id -> true).member();
        for (int i = 0; i < 100; i++) {
            long seq = p.nextSequence();
            byte[] payload = Payload.create(64, 1, 0, seq, System.nanoTime() - 1_000_000L * i);
            p.sent(seq);
            p.acknowledged(seq);
            if (i != 42) {
                m.onMessage(payload, System.nanoTime(), -1);
            }
            if (i == 7) {
                m.onMessage(payload, System.nanoTime(), -1);
            }
        }
        Verdict verdict = v.verdict(true);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("target", "127.0.0.1:1883");
        settings.put("note", "quote \" and </script> and \\ survive");
        ConnectionSummary conns = new ConnectionSummary(3, 2, 1, 0, 2, 150.0, LatencySummary.EMPTY,
                Map.of("connect: ConnectException: Connection refused", 1L), Map.of());
        List<Sample> series = List.of(new Sample(1.0, 50, 50, 49, 2, 900.0, 0), new Sample(2.0, 50, 50, 50, 2, 1200.0, 0));
        return new RunReport("fan-in", Instant.parse("2026-01-02T03:04:05Z"), settings, 2.0, 3.5, 50.0, 49.5, conns,
                verdict, series, List.of(new RunEvent(0.5, "traffic started")),
                new TargetSummary(1234, 10_000_000L, 12_000_000L, 0.5, 0.25, 1000.0), List.of());
    }

    @SuppressWarnings("unchecked")
    @Test
    void jsonIsWellFormedAndCarriesTheVerdict(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.json");
        JsonReport.write(sampleReport(), file);
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(file));
        assertThat(json.get("scenario")).isEqualTo("fan-in");
        assertThat(json.get("passed")).isEqualTo(false);
        Map<String, Object> q1 = (Map<String, Object>) ((List<Object>) json.get("qos")).get(0);
        assertThat(q1.get("qos")).isEqualTo(1.0);
        assertThat(q1.get("sent")).isEqualTo(100.0);
        assertThat(q1.get("delivered")).isEqualTo(99.0);
        assertThat(q1.get("lost")).isEqualTo(1.0);
        assertThat(q1.get("duplicated")).isEqualTo(1.0);
        Map<String, Object> latency = (Map<String, Object>) q1.get("latencyMicros");
        assertThat(latency.keySet()).contains("p50", "p90", "p99", "p99_9", "max", "percentiles");
        assertThat((Double) latency.get("p99")).isGreaterThan(1000.0);
        assertThat((List<Object>) json.get("failures")).hasSize(1);
        assertThat((List<Object>) json.get("series")).hasSize(2);
        assertThat(((Map<String, Object>) json.get("settings")).get("note"))
                .isEqualTo("quote \" and </script> and \\ survive");
        Map<String, Object> target = (Map<String, Object>) json.get("target");
        assertThat(target.get("peakRssBytes")).isEqualTo(12_000_000.0);
        Map<String, Object> conns = (Map<String, Object>) json.get("connections");
        assertThat((Map<String, Object>) conns.get("failures")).containsEntry(
                "connect: ConnectException: Connection refused", 1.0);
    }

    @Test
    void jsonWriterEscapesAndRefusesNonFiniteNumbers() {
        String out = Json.write(Map.of("a", List.of(1, 2.5, Double.NaN, "x\ny\u0001")));
        assertThat(MiniJson.parse(out)).isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, 2.5, null, "x\ny\u0001")));
    }

    @SuppressWarnings("unchecked")
    @Test
    void htmlIsSelfContainedAndEmbedsParsableData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(sampleReport(), file);
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("FAILED").contains("id=\"throughput\"")
                .contains("id=\"latency\"").contains("id=\"memory\"");
        // Nothing is fetched: no external scripts, styles, fonts or images.
        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link")
                .doesNotContainPattern("(?i)@import").doesNotContainPattern("(?i)url\\(")
                .doesNotContainPattern("(?i)<img");
        assertThat(html).contains("&quot; and &lt;/script&gt;");
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(data.find()).isTrue();
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(data.group(1));
        assertThat(json.get("scenario")).isEqualTo("fan-in");
        assertThat(html.split("<script", -1)).as("one data block and one chart script").hasSize(3);
    }

    @Test
    void consoleSummaryShowsVerdictFields() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ConsoleReport.print(sampleReport(), new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("fan-in — FAILED").contains("lost 1, duplicated 1, out of order 0")
                .contains("FAIL  QoS 1: 1 acknowledged deliveries lost").contains("Connection refused");
    }

    @Test
    void progressLineShowsElapsedConnsRateAndP99() {
        String line = ProgressLine.format("pairs", new Sample(12.0, 5000, 5000, 4990, 200, 1500.0, 64L << 20));
        assertThat(line).contains("12.0s").contains("conns 200").contains("delivered 4,990/s").contains("p99 1.50 ms")
                .contains("rss 64.0 MiB");
    }
}
