package dev.murmur.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.admin.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local-cluster launcher through its library API: two node JVMs and an embedded PostgreSQL,
 * the `cluster up` line and state file, a killed node restarted and back in the cluster, and a
 * paused node downed by the split-brain resolver, exiting 4 and restarted.
 */
class LocalClusterTest {
    private static final Duration UP = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Kept when the test fails: the node logs are in it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void twoNodesFormOneClusterAndAKilledOrDownedNodeIsRestartedAndRejoins() throws Exception {
        List<String> out = new CopyOnWriteArrayList<>();
        List<Long> pids = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.defaults()
                .withNodes(2).withFreePorts(true).withDir(dir).withConfigDir(configDir()).withHeap("256m")
                .withRestartDelayMillis(200).withOut(out::add)
                // fewer shard hubs to wake and recover at each start: this test is about processes
                .withNodeOption("murmur.sessions.number-of-shards = 16"))) {
            cluster.awaitUp(UP);
            pids.add(cluster.pid(1));
            pids.add(cluster.pid(2));
            assertThat(out).filteredOn(l -> l.startsWith("murmur: cluster up:")).singleElement().asString()
                    .contains("node-1 mqtt=127.0.0.1:" + cluster.mqttPort(1))
                    .contains("node-2 mqtt=127.0.0.1:" + cluster.mqttPort(2))
                    .contains("admin=http://127.0.0.1:" + cluster.adminPort(2));
            Properties state = state(cluster);
            assertThat(state).containsEntry("nodes", "2").containsEntry("up", "true")
                    .containsEntry("node.1.pid", Long.toString(cluster.pid(1)))
                    .containsEntry("node.2.mqtt", "127.0.0.1:" + cluster.mqttPort(2))
                    .containsEntry("postgres.port", Integer.toString(cluster.postgresPort()));
            awaitMembersUp(cluster, 2);

            // Kill the member with the higher address: with two nodes keep-majority keeps the lower one.
            int victim = port(cluster.remoting(1)) > port(cluster.remoting(2)) ? 1 : 2;
            long before = cluster.pid(victim);
            cluster.kill(victim);
            cluster.awaitRestarted(victim, UP);

            assertThat(cluster.pid(victim)).isPositive().isNotEqualTo(before);
            assertThat(cluster.restarts(victim)).isEqualTo(1);
            assertThat(out).contains("murmur: node-" + victim + " exited code=137, restarting");
            awaitMembersUp(cluster, 2);
            assertThat(state(cluster)).containsEntry("node." + victim + ".restarts", "1");
            pids.add(cluster.pid(victim));
            assertThat(Files.readString(cluster.log(victim))).contains("starting node-" + victim + " (restarts=1)");

            // A pause past the failure detector and stable-after (~5 s) gets the node downed: it
            // exits 4 once it runs again, and is restarted into the cluster.
            cluster.pause(victim);
            try {
                await().atMost(UP).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                        assertThat(get(cluster.adminUrl(3 - victim) + "/api/v1/cluster").path("size").asInt())
                                .isEqualTo(1));
            } finally {
                cluster.resume(victim);
            }
            cluster.awaitRestarted(victim, UP);
            assertThat(out).contains("murmur: node-" + victim + " exited code=4, restarting");
            awaitMembersUp(cluster, 2);
            pids.add(cluster.pid(victim));
        }
        // close() stops every node: none outlives the cluster handle
        assertThat(pids).hasSize(4)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    }

    /** Both nodes list `expected` members, all up and reachable. */
    private static void awaitMembersUp(LocalCluster cluster, int expected) {
        await().atMost(UP).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (int i = 1; i <= cluster.nodes(); i++) {
                JsonNode view = get(cluster.adminUrl(i) + "/api/v1/cluster");
                assertThat(view.path("size").asInt()).as("members seen by node %d", i).isEqualTo(expected);
                assertThat(view.path("members")).allSatisfy(m -> {
                    assertThat(m.path("status").asText()).isEqualTo("up");
                    assertThat(m.path("reachable").asBoolean()).isTrue();
                });
            }
        });
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    private static Properties state(LocalCluster cluster) throws Exception {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(cluster.stateFile())) {
            p.load(in);
        }
        return p;
    }

    private static int port(String hostPort) {
        return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    }

    /** The repository's config/cluster, from the node module's directory (surefire's) or the root. */
    static Path configDir() {
        Path fromModule = Path.of("../config/cluster");
        return Files.isDirectory(fromModule) ? fromModule : Path.of("config/cluster");
    }
}
