package dev.murmur.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.TransportOptions;
import dev.murmur.load.report.ChaosReport;
import dev.murmur.load.report.ChaosReports;
import dev.murmur.load.scenario.RunConfig;
import dev.murmur.load.verify.Phase;
import dev.murmur.load.verify.PhaseVerdict;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import java.io.File;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos smoke run (about a minute each): a real 3-node local cluster — node JVMs started by
 * the launcher as processes from the test class path, never imported — 20 pairs and a fan-in at
 * QoS 1 and 2 with persistent sessions, one fault, and the verdict: no acknowledged message lost
 * and no QoS 2 duplicate, before, during and after the fault. A partition needs root and nft;
 * without them this test fails and says why (it never passes silently).
 */
class ChaosSmokeTest {
    private static final Duration FAULT_AT = Duration.ofSeconds(10);
    private static final Duration FAULT_FOR = Duration.ofSeconds(15);
    private static final Duration TRAFFIC = Duration.ofSeconds(35);

    @Test
    void killMinusNineOfANodeLosesNoAcknowledgedMessage() throws Exception {
        ChaosReport r = run("kill");
        assertThat(r.cutOffs()).as("devices on the killed node were cut off").isPositive();
        assertVerdict(r);
    }

    @Test
    void aPartitionedNodeLosesNoAcknowledgedMessage() throws Exception {
        ChaosReport r = run("partition");
        assertVerdict(r);
    }

    private static void assertVerdict(ChaosReport r) {
        assertThat(r.errors()).as("fault errors").isEmpty();
        assertThat(r.run().errors()).as("run errors").isEmpty();
        assertThat(r.faultStart()).isPositive();
        assertThat(r.faultEnd()).isGreaterThan(r.faultStart());
        assertThat(r.acknowledgedLost()).as("acknowledged QoS 1/2 messages lost").isZero();
        assertThat(r.recoverySeconds()).as("every device served again").isBetween(0.0, 60.0);
        assertThat(r.resumedSeconds()).as("every subscriber got messages published after the fault")
                .isBetween(0.0, 60.0);
        for (Phase phase : List.of(Phase.BEFORE, Phase.AFTER)) {
            long delivered = r.phases().stream().filter(p -> p.phase() == phase).mapToLong(PhaseVerdict::delivered)
                    .sum();
            assertThat(delivered).as("delivered " + phase.label()).isPositive();
        }
        // MQTT-4.3.3-10 across a session move: the re-sent copy is routed under its kept hand-off id
        assertThat(r.qos2Duplicates()).as("QoS 2 messages delivered twice").isZero();
        assertThat(r.passed()).as("verdict").isTrue();
    }

    private static ChaosReport run(String fault) throws Exception {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Path dir = Path.of("target", "chaos-smoke", fault + "-" + id).toAbsolutePath();
        List<String> launcher = List.of(javaBinary(), "-Xmx256m", "-cp", nodeClassPath(), "dev.murmur.node.Main",
                "local-cluster", "--heap", "384m", "--config-dir", repoRoot().resolve("config/cluster").toString());
        ChaosPlan plan = new ChaosPlan(fault, 2, FAULT_AT, FAULT_FOR, Duration.ofSeconds(45), 20, 4, 3, launcher, dir,
                Duration.ofMinutes(3), List.of(), List.of(), List.of(), List.of(), false);
        TransportOptions transport = new TransportOptions("127.0.0.1", 1883, 2, "auto", null, null, 0,
                Duration.ofSeconds(5));
        ClientOptions client = new ClientOptions(MqttVersion.V5, 5, false, 300, 32, 1 << 20, Duration.ofSeconds(10),
                null, null);
        RunConfig config = new RunConfig("chaos", transport, client, List.of(QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE), 64,
                5, Duration.ZERO, TRAFFIC, Duration.ofSeconds(30), 100_000, 500, 100, 24, 21, 1, 1, 0,
                "murmur-chaos-smoke/" + id, "chaos-" + id + "-", Duration.ofSeconds(3), Duration.ofSeconds(1), null,
                false);
        ChaosReport r = new ChaosRun(plan, config, id, Commands.SYSTEM, System.out).run();
        ChaosReports.print(r, System.out);
        ChaosReports.writeJson(r, dir.resolve("chaos.json"));
        ChaosReports.writeHtml(r, dir.resolve("chaos.html"));
        if (r.passed()) {
            deleteRecursively(dir.resolve("postgres")); // ~60 MB a run; a failed run keeps it for diagnosis
        }
        return r;
    }

    /** Surefire runs in load-test/; the example cluster config lives at the repository root. */
    private static Path repoRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        return cwd.resolve("config/cluster").toFile().isDirectory() ? cwd : cwd.getParent();
    }

    private static void deleteRecursively(Path path) throws java.io.IOException {
        if (!java.nio.file.Files.exists(path)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The test class path (surefire hides the real one behind a manifest jar in java.class.path),
     * Murmur's own entries first so that their reference.conf wins over the libraries'.
     */
    static String nodeClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> murmur = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String entry : cp.split(File.pathSeparator)) {
            boolean ours = entry.matches(".*/murmur-[a-z-]+-[^/]*\\.jar") || entry.matches(
                    ".*/(node|persistence|protocol)/target/classes/?");
            (ours ? murmur : rest).add(entry);
        }
        murmur.addAll(rest);
        return String.join(File.pathSeparator, murmur);
    }
}
