package dev.murmur.load.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.load.verify.LatencySummary;
import dev.murmur.load.verify.Member;
import dev.murmur.load.verify.Payload;
import dev.murmur.load.verify.Phase;
import dev.murmur.load.verify.PublisherLedger;
import dev.murmur.load.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos report in all three forms: phases, recovery, verdict, and the fault window on the chart. */
class ChaosReportsTest {

    /** QoS 2 publisher: 10 before, 10 during (one delivered twice), 10 after; a refused connect on the way. */
    private static ChaosReport sample(boolean duplicate) {
        Verifier v = new Verifier();
        PublisherLedger p = v.publisher(0, 2);
        Member m = v.receiver("sub-0", id -> true).member();
        for (int i = 0; i < 30; i++) {
            if (i == 10) {
                v.startPhase(Phase.DURING);
            } else if (i == 20) {
                v.startPhase(Phase.AFTER);
            }
            long seq = p.nextSequence();
            byte[] payload = Payload.create(64, 2, 0, seq, System.nanoTime());
            p.sent(seq);
            p.acknowledged(seq);
            m.onMessage(payload, System.nanoTime(), -1);
            if (duplicate && i == 15) {
                m.onMessage(payload, System.nanoTime(), -1);
            }
        }
        ConnectionSummary conns = new ConnectionSummary(5, 4, 1, 2, 2, 10.0, LatencySummary.EMPTY,
                Map.of("connect: ConnectException: Connection refused", 1L), Map.of());
        RunReport run = new RunReport("chaos", Instant.parse("2026-01-02T03:04:05Z"), Map.of("target", "x"), 30, 40,
                1, 1, conns, v.verdict(false), List.of(new Sample(1.0, 1, 1, 1, 2, 900.0, 0)),
                List.of(new RunEvent(10.0, "fault: kill -9 node-2 (pid 4242)")), null, List.of());
        return new ChaosReport(run, "kill", "kill -9 node-2", "launched: ./murmur local-cluster", 10.0, 25.0,
                v.phaseVerdicts(), 2, 2, 0, 4.25, 6.5, List.of(0, 1, 0), v.lostByReceiver(), List.of());
    }

    @Test
    void aRefusedConnectToTheDeadNodeDoesNotFailChaosButAQos2DuplicateDoes() {
        ChaosReport ok = sample(false);
        assertThat(ok.run().passed()).as("the plain run counts the refused connect").isFalse();
        assertThat(ok.passed()).isTrue();
        ChaosReport dup = sample(true);
        assertThat(dup.qos2Duplicates()).isEqualTo(1);
        assertThat(dup.acknowledgedLost()).isZero();
        assertThat(dup.passed()).isFalse();
        assertThat(dup.phases().stream().filter(p -> p.phase() == Phase.DURING).findFirst().orElseThrow()
                .duplicated()).isEqualTo(1);
    }

    @Test
    void consoleShowsPhasesRecoveryAndVerdict() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChaosReports.print(sample(true), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("murmur-load chaos — FAILED", "chaos kill — FAILED", "fault window      10.0 s → 25.0 s",
                "4.3 s after the fault started", "deliveries back   6.5 s after the fault started", "node restarts     [0, 1, 0]", "1 QoS 2 duplicates");
        assertThat(out).containsPattern("during\\s+2\\s+10\\s+10\\s+10\\s+0\\s+1\\s+0");
    }

    @SuppressWarnings("unchecked")
    @Test
    void jsonCarriesTheChaosSectionAndHtmlShadesTheFaultWindow(@TempDir Path dir) throws Exception {
        ChaosReports.writeJson(sample(false), dir.resolve("chaos.json"));
        Map<String, Object> json = (Map<String, Object>) MiniJson.parse(Files.readString(dir.resolve("chaos.json")));
        assertThat(json.get("passed")).isEqualTo(true);
        Map<String, Object> chaos = (Map<String, Object>) json.get("chaos");
        assertThat(chaos.get("fault")).isEqualTo("kill");
        assertThat(((Number) chaos.get("recoverySeconds")).doubleValue()).isEqualTo(4.25);
        assertThat(((Number) chaos.get("deliveriesResumedSeconds")).doubleValue()).isEqualTo(6.5);
        assertThat((List<Object>) chaos.get("phases")).hasSize(3);
        assertThat(json.get("faultWindows")).isEqualTo(List.of(List.of(10.0, 25.0, "kill")));

        ChaosReports.writeHtml(sample(false), dir.resolve("chaos.html"));
        String html = Files.readString(dir.resolve("chaos.html"));
        assertThat(html).contains("<span class=\"pass\">PASSED</span></h1>", "Verdict per phase", "fault-window",
                "windows: data.faultWindows");
    }
}
