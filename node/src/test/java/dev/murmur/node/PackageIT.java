package dev.murmur.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.ConnAck;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release package as an operator gets it: unpack murmur-<version>.tar.gz into an empty
 * folder, start bin/murmur, reach it over MQTT and the admin API (also through `bin/murmur ctl`),
 * then stop it with SIGTERM and expect exit code 0 and a GC log.
 */
class PackageIT {
    private static final Pattern MQTT_PORT = Pattern.compile("event=listener_bound .* address=[^ ]*:(\\d+)");
    private static final Pattern ADMIN_PORT = Pattern.compile("event=admin_bound address=[^ ]*:(\\d+)");

    @Test
    void unpacksStartsServesAndStops(@TempDir Path dir) throws Exception {
        Path tarball = tarball().toAbsolutePath();
        run(dir, List.of("tar", "xzf", tarball.toString(), "-C", dir.toString()));
        Path home;
        try (Stream<Path> s = Files.list(dir)) {
            home = s.filter(p -> p.getFileName().toString().startsWith("murmur-")).findFirst().orElseThrow();
        }
        assertThat(home.resolve("bin/murmur")).isExecutable();
        assertThat(home.resolve("systemd/murmur.service")).content().contains("LimitNOFILE=", "Restart=on-failure");
        assertThat(home.resolve("config/murmur.conf")).exists();
        assertThat(home.resolve("docs/operations.md")).exists();
        try (Stream<Path> libs = Files.list(home.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("murmur-node-"));
        }

        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, """
                include "%s"
                murmur.listeners = [{ name = "pkg", kind = "tcp", host = "127.0.0.1", port = 0 }]
                murmur.admin.port = 0
                pekko.remote.artery.canonical.port = 0
                """.formatted(home.resolve("config/murmur.conf")));
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/murmur").toString(), "--config", conf.toString())
                .redirectErrorStream(true).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MURMUR_HEAP", "256m");
        env.put("MURMUR_LOG_DIR", dir.resolve("logs").toString());
        Process node = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<int[]> ports = new CompletableFuture<>();
        Thread reader = new Thread(() -> readPorts(node, output, ports));
        reader.setDaemon(true);
        reader.start();
        try {
            int[] p = ports.get(60, TimeUnit.SECONDS);
            try (RawClient c = new RawClient(p[0], MqttVersion.V5)) {
                c.send(RawClient.connect(MqttVersion.V5, Clients.id("pkg")));
                assertThat(c.read()).isInstanceOf(ConnAck.class);
            }
            AdminHttp admin = new AdminHttp(p[1]);
            assertThat(admin.get("/ready").status()).isEqualTo(200);
            assertThat(admin.get("/metrics").body()).contains("murmur_connections_opened_total 1.0");

            String status = run(dir, List.of("bash", home.resolve("bin/murmur").toString(), "ctl", "--url",
                    "http://127.0.0.1:" + p[1], "status"));
            assertThat(status).contains("connections", "ready", "yes");

            node.destroy(); // SIGTERM: graceful shutdown, exit code 0
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(node.exitValue()).as(String.join("\n", output)).isZero();
            assertThat(dir.resolve("logs/gc.log")).isNotEmptyFile();
        } finally {
            node.destroyForcibly();
        }
    }

    private static void readPorts(Process node, List<String> output, CompletableFuture<int[]> ports) {
        int mqtt = -1;
        int admin = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                Matcher m = MQTT_PORT.matcher(line);
                if (m.find()) {
                    mqtt = Integer.parseInt(m.group(1));
                }
                Matcher a = ADMIN_PORT.matcher(line);
                if (a.find()) {
                    admin = Integer.parseInt(a.group(1));
                }
                if (line.contains("event=node_started")) {
                    ports.complete(new int[] {mqtt, admin});
                }
            }
        } catch (IOException e) {
            ports.completeExceptionally(e);
        }
        ports.completeExceptionally(new AssertionError("node exited before starting:\n" + String.join("\n", output)));
    }

    private static Path tarball() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("target"))) {
            return s.filter(p -> p.getFileName().toString().matches("murmur-.*\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/murmur-*.tar.gz: run `mvn package` first"));
        }
    }

    private static String run(Path dir, List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).directory(dir.toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
