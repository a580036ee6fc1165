package dev.murmur.load.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.murmur.load.LoadMain;
import dev.murmur.load.scenario.RunConfig;
import dev.murmur.load.scenario.Scenario;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {

    private static RunConfig parse(String... args) {
        CommandLine cl = LoadMain.commandLine();
        CommandLine.ParseResult result = cl.parseArgs(args);
        CommandLine sub = result.subcommand().commandSpec().commandLine();
        return ((ScenarioCommand) sub.getCommand()).config();
    }

    @Test
    void everyScenarioIsASubcommandAndHelpListsEveryOption() {
        CommandLine cl = LoadMain.commandLine();
        List<String> names = new java.util.ArrayList<>(Scenario.NAMES);
        names.add("chaos");
        assertThat(cl.getSubcommands().keySet()).containsExactlyElementsOf(names);
        String help = cl.getSubcommands().get("fan-in").getUsageMessage();
        for (String option : List.of("--host", "--port", "--allow-remote", "--mqtt-version", "--qos", "--payload-size",
                "--rate", "--total-rate", "--duration", "--warmup", "--max-messages", "--clean-start",
                "--session-expiry", "--keep-alive", "--client-id-prefix", "--tls", "--ca", "--cert", "--key",
                "--ssl-provider", "--ws", "--json", "--html", "--pid", "--publishers", "--subscribers")) {
            assertThat(help).contains(option);
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                assertThat(o.description()).as(o.longestName() + " of " + sub.getCommandName()).isNotEmpty();
            }
        }
    }

    @Test
    void defaultsTargetLocalhost1883WithBoundedRuns() {
        RunConfig c = parse("fan-in");
        assertThat(c.scenario()).isEqualTo("fan-in");
        assertThat(c.transport().host()).isEqualTo("127.0.0.1");
        assertThat(c.transport().port()).isEqualTo(1883);
        assertThat(c.client().version()).isEqualTo(MqttVersion.V5);
        assertThat(c.qos()).containsExactly(QoS.AT_LEAST_ONCE);
        assertThat(c.publishers()).isEqualTo(10);
        assertThat(c.subscribers()).isEqualTo(1);
        assertThat(c.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.maxMessages()).isEqualTo(10_000_000L);
        assertThat(c.hardLimit()).isLessThan(Duration.ofMinutes(5));
        assertThat(c.clientIdPrefix()).startsWith("murmur-load-");
        assertThat(c.topicPrefix()).startsWith("murmur-load/");
    }

    @Test
    void scenarioOptionsAndCommonOptionsAreParsed() {
        RunConfig c = parse("shared", "--host", "localhost", "-p", "18830", "--mqtt-version", "3.1.1", "-q", "0,2",
                "-s", "512", "--total-rate", "1000", "-P", "4", "-S", "6", "-G", "3", "-d", "1500ms", "-w", "0",
                "--clean-start", "false", "--session-expiry", "60", "--keep-alive", "15", "--client-id-prefix", "x-",
                "--ws", "--ws-path", "ws", "--max-messages", "5000", "--pid", "1");
        assertThat(c.transport().host()).isEqualTo("localhost");
        assertThat(c.transport().port()).isEqualTo(18830);
        assertThat(c.client().version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(c.qos()).containsExactly(QoS.AT_MOST_ONCE, QoS.EXACTLY_ONCE);
        assertThat(c.qosOf(0)).isEqualTo(QoS.AT_MOST_ONCE);
        assertThat(c.qosOf(1)).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(c.maxQos()).isEqualTo(QoS.EXACTLY_ONCE);
        assertThat(c.payloadSize()).isEqualTo(512);
        assertThat(c.ratePerPublisher()).isEqualTo(250.0);
        assertThat(c.groups()).isEqualTo(3);
        assertThat(c.duration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.warmup()).isZero();
        assertThat(c.client().cleanStart()).isFalse();
        assertThat(c.client().sessionExpiry()).isEqualTo(60);
        assertThat(c.client().keepAliveSeconds()).isEqualTo(15);
        assertThat(c.clientIdPrefix()).isEqualTo("x-");
        assertThat(c.transport().webSocketPath()).isEqualTo("ws");
        assertThat(c.maxMessages()).isEqualTo(5000);
        assertThat(c.targetPid()).isEqualTo(1);
    }

    @Test
    void pairsAndPersistentHaveTheirOwnCounts() {
        RunConfig pairs = parse("pairs", "-N", "7");
        assertThat(pairs.publishers()).isEqualTo(7);
        assertThat(pairs.subscribers()).isEqualTo(7);
        RunConfig p = parse("persistent", "--reconnect-every", "2s", "--offline-for", "250ms");
        assertThat(p.reconnectEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.offlineFor()).isEqualTo(Duration.ofMillis(250));
        assertThat(parse("connections", "-n", "50000").connections()).isEqualTo(50_000);
        assertThat(parse("retained", "-T", "5").topics()).isEqualTo(5);
    }

    @Test
    void unboundedOrNonsenseRunsAreRefused() {
        assertThatThrownBy(() -> parse("fan-in", "-d", "25h")).hasMessageContaining("duration");
        assertThatThrownBy(() -> parse("fan-in", "-m", "0")).hasMessageContaining("max messages");
        assertThatThrownBy(() -> parse("fan-in", "--mqtt-version", "3.1")).hasMessageContaining("3.1.1 or 5");
        assertThatThrownBy(() -> parse("fan-in", "--topic-prefix", "a/#")).hasMessageContaining("wildcards");
        assertThatThrownBy(() -> parse("fan-in", "--ca", "ca.pem")).hasMessageContaining("--tls");
        assertThatThrownBy(() -> parse("fan-in", "-q", "3")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> parse("fan-in", "-d", "soon")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void aRemoteTargetWithoutAllowRemoteExitsWithUsageBeforeConnecting() {
        StringWriter err = new StringWriter();
        CommandLine cl = LoadMain.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("fan-in", "--host", "192.0.2.1", "-d", "1");
        assertThat(code).isEqualTo(ScenarioCommand.USAGE);
        assertThat(err.toString()).contains("refusing non-loopback target 192.0.2.1").contains("--allow-remote");
    }

    @Test
    void durationsAcceptUnits() {
        DurationConverter d = new DurationConverter();
        assertThat(d.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(d.convert("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(d.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.convert("1h")).isEqualTo(Duration.ofHours(1));
    }
}
