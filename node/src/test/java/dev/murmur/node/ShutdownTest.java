package dev.murmur.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Graceful shutdown: clients are told (v5: 0x8B) or closed (v3), and SIGTERM exits 0. */
class ShutdownTest {

    @Test
    void closeDisconnectsV5With0x8BAndClosesV311() throws Exception {
        MurmurNode node = TestNode.start();
        RawClient v5 = new RawClient(node.mqttPort(), MqttVersion.V5);
        v5.send(RawClient.connect(MqttVersion.V5, Clients.id("v5")));
        assertThat(v5.read()).isInstanceOf(ConnAck.class);
        RawClient v3 = new RawClient(node.mqttPort(), MqttVersion.V3_1_1);
        v3.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("v3")));
        assertThat(v3.read()).isInstanceOf(ConnAck.class);

        node.close();

        assertThat(v5.read()).isEqualTo(Disconnect.of(ReasonCode.SERVER_SHUTTING_DOWN));
        assertThat(v5.isClosedByServer()).isTrue();
        assertThat(v3.isClosedByServer()).isTrue();
        v5.close();
        v3.close();
    }

    /**
     * Issue 10: with {@code mqtt5.server-reference} set, the 0x8B DISCONNECT names where to go —
     * also for a client whose session stopped first (shards hand off before clients are told).
     */
    @Test
    void shutdownDisconnectCarriesTheConfiguredServerReference() throws Exception {
        MurmurNode node = TestNode.start("murmur.mqtt5.server-reference = \"standby.example:1883\"");
        RawClient v5 = new RawClient(node.mqttPort(), MqttVersion.V5);
        v5.send(RawClient.connect(MqttVersion.V5, Clients.id("ref")));
        assertThat(v5.read()).isInstanceOf(ConnAck.class);

        node.close();

        Disconnect d = (Disconnect) v5.read();
        assertThat(d.reasonCode()).isEqualTo(ReasonCode.SERVER_SHUTTING_DOWN);
        assertThat(d.properties().serverReference()).isEqualTo("standby.example:1883");
        assertThat(v5.isClosedByServer()).isTrue();
        v5.close();
    }

    @Test
    void sigtermStopsTheProcessWithExitCodeZero(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, """
                murmur.listeners = [{ name = "it", kind = "tcp", host = "127.0.0.1", port = 0 }]
                murmur.admin.port = 0
                pekko.remote.artery.canonical.port = 0
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", conf.toString())
                .redirectErrorStream(true).directory(new File(".")).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int port = awaitListener(out);
            RawClient c = new RawClient(port, MqttVersion.V5);
            c.send(RawClient.connect(MqttVersion.V5, Clients.id("sig")));
            assertThat(c.read()).isInstanceOf(ConnAck.class);

            p.destroy(); // SIGTERM
            assertThat(c.read()).isEqualTo(Disconnect.of(ReasonCode.SERVER_SHUTTING_DOWN));
            c.close();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void invalidConfigFailsFastNamingTheKey(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("bad.conf");
        Files.writeString(conf, "murmur.mqtt.max-inflight = -1\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--config", conf.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(Main.EXIT_CONFIG);
        assertThat(output).contains("murmur.mqtt.max-inflight");
    }

    private static int awaitListener(BufferedReader out) throws Exception {
        Pattern bound = Pattern.compile("event=listener_bound .* address=[^ ]*:(\\d+)");
        String line;
        int port = -1;
        while ((line = out.readLine()) != null) {
            Matcher m = bound.matcher(line);
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            if (line.contains("event=node_started") && port > 0) {
                return port; // the admin listener binds after MQTT: only now is start-up over
            }
        }
        throw new AssertionError("node exited before binding its listener");
    }
}
