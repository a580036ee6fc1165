package dev.murmur.load.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.load.LoadMain;
import dev.murmur.load.chaos.ChaosPlan;
import dev.murmur.load.scenario.RunConfig;
import dev.murmur.protocol.QoS;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The chaos subcommand's options: its defaults, a launched versus an existing cluster, and refusals. */
class ChaosCommandTest {
    private static ChaosCommand parse(String... args) {
        CommandLine cl = LoadMain.commandLine();
        CommandLine.ParseResult result = cl.parseArgs(args);
        return (ChaosCommand) result.subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void defaultsAre200PairsAndAFanInAtQos1And2OnALaunchedThreeNodeCluster() {
        ChaosCommand c = parse("chaos", "--scenario", "kill");
        RunConfig config = c.config();
        ChaosPlan plan = c.plan("abc123");
        assertThat(config.scenario()).isEqualTo("chaos");
        assertThat(config.qos()).containsExactly(QoS.AT_LEAST_ONCE, QoS.EXACTLY_ONCE);
        assertThat(config.publishers()).isEqualTo(220);
        assertThat(config.subscribers()).isEqualTo(201);
        assertThat(config.client().keepAliveSeconds()).isEqualTo(5);
        assertThat(config.duration()).isEqualTo(Duration.ofSeconds(70));
        assertThat(plan.launches()).isTrue();
        assertThat(plan.launcher()).containsExactly("./murmur", "local-cluster");
        assertThat(plan.size()).isEqualTo(3);
        assertThat(plan.victim()).isEqualTo(2);
        assertThat(plan.runDir()).isEqualTo(Path.of("data", "chaos", "abc123"));
        plan.checkFits(config.warmup().plus(config.duration()));
    }

    @Test
    void explicitOptionsWinOverChaosDefaults() {
        ChaosCommand c = parse("chaos", "--scenario", "partition", "--qos", "2", "--keep-alive", "30", "--pairs", "20",
                "--fan-in", "0", "--launcher", "java -cp x dev.murmur.node.Main local-cluster", "--run-dir", "/tmp/x");
        RunConfig config = c.config();
        assertThat(config.qos()).containsExactly(QoS.EXACTLY_ONCE);
        assertThat(config.client().keepAliveSeconds()).isEqualTo(30);
        assertThat(config.subscribers()).isEqualTo(20);
        assertThat(c.plan("x").launcher()).containsExactly("java", "-cp", "x", "dev.murmur.node.Main", "local-cluster");
    }

    @Test
    void anExistingClusterNeedsPidsForSignalsAndArteryAddressesForPartitions() {
        ChaosCommand kill = parse("chaos", "--scenario", "kill", "--nodes", "127.0.0.1:1883,127.0.0.1:1884");
        kill.config();
        assertThatThrownBy(() -> kill.plan("x")).hasMessageContaining("needs --pids");

        ChaosCommand part = parse("chaos", "--scenario", "partition", "--nodes", "127.0.0.1:1883,127.0.0.1:1884");
        part.config();
        assertThatThrownBy(() -> part.plan("x")).hasMessageContaining("needs --remoting");

        ChaosCommand ok = parse("chaos", "--scenario", "pause", "--nodes", "127.0.0.1:1883,127.0.0.1:1884", "--pids",
                "10,11");
        ok.config();
        ChaosPlan plan = ok.plan("x");
        assertThat(plan.launches()).isFalse();
        assertThat(plan.pids()).containsExactly(10L, 11L);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> parse("chaos", "--scenario", "explode").plan("x")).hasMessageContaining("kill");
        ChaosCommand hostPort = parse("chaos", "--scenario", "kill", "--port", "1883");
        assertThatThrownBy(hostPort::config).hasMessageContaining("--nodes");
        ChaosCommand late = parse("chaos", "--scenario", "kill", "--fault-at", "60s", "--fault-for", "30s");
        RunConfig config = late.config();
        assertThatThrownBy(() -> late.plan("x").checkFits(config.warmup().plus(config.duration())))
                .hasMessageContaining("must end before traffic does");
        ChaosCommand victim = parse("chaos", "--scenario", "kill", "--victim", "4");
        victim.config();
        assertThatThrownBy(() -> victim.plan("x")).hasMessageContaining("--victim must be 1..3");
    }

    @Test
    void missingScenarioIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = LoadMain.commandLine().setErr(new PrintWriter(err)).execute("chaos");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--scenario");
        List<String> help = List.of(LoadMain.commandLine().getSubcommands().get("chaos").getUsageMessage().split("\n"));
        assertThat(String.join("\n", help)).contains("--fault-at", "--fault-for", "--launcher", "--nodes", "--pids");
    }
}
