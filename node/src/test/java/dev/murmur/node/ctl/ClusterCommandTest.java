package dev.murmur.node.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.Main;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `murmur cluster status|leave` and the cluster admin API they read, against a running node. */
class ClusterCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MurmurNode node;
    private static String url;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        url = "http://127.0.0.1:" + node.adminPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    record Run(int exit, String out, String err) {
    }

    private static Run murmur(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statusShowsMembersReachabilityShardsAndSessionsPerNode() throws Exception {
        Mqtt5BlockingClient client = Clients.v5(node.mqttPort(), Clients.id("cluster-status"));
        client.connect();
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Run r = murmur("cluster", "status", "--url", url);
                assertThat(r.exit()).as(r.err()).isZero();
                assertThat(r.out()).contains("1 member(s), 0 unreachable", "NODE", "STATUS", "REACHABLE", "SHARDS",
                        "SESSIONS", "CONNECTIONS", "(self)", "up", "yes");
                JsonNode json = JSON.readTree(murmur("cluster", "status", "--url", url, "--json").out());
                JsonNode self = json.get("members").get(0);
                assertThat(self.get("shards").asInt()).isEqualTo(node.settings().numberOfShards());
                assertThat(self.get("sessions").asInt()).isGreaterThanOrEqualTo(1);
                assertThat(self.get("connections").asInt()).isGreaterThanOrEqualTo(1);
                // every shard is placed on this node
                assertThat(json.get("shards").size()).isEqualTo(node.settings().numberOfShards());
                assertThat(json.get("shards").get("0").asText()).isEqualTo(self.get("node").asText());
            });
        } finally {
            client.disconnect();
        }
    }

    @Test
    void theClusterViewIsAlsoServedAtSlashClusterAndTellsWhereAClientsSessionLives() throws Exception {
        JsonNode short_ = get("/cluster");
        assertThat(short_.get("self").asText()).isEqualTo(get("/api/v1/cluster").get("self").asText());
        assertThat(short_.get("members")).hasSize(1);

        JsonNode placement = get("/api/v1/cluster/placement/some-device");
        assertThat(placement.get("clientId").asText()).isEqualTo("some-device");
        assertThat(placement.get("shard").asInt()).isBetween(0, node.settings().numberOfShards() - 1);
        assertThat(placement.get("node").asText()).isEqualTo(short_.get("self").asText());
    }

    @Test
    void theNodeToAskComesFromANodeConfigOrTheLocalClusterStateFile(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, "murmur.admin.port = " + node.adminPort() + "\n");
        Run byConfig = murmur("cluster", "status", "--config", conf.toString());
        assertThat(byConfig.exit()).as(byConfig.err()).isZero();
        assertThat(byConfig.out()).contains("1 member(s)");

        // the first node of the state file is gone; the next one answers
        Files.writeString(dir.resolve("cluster.properties"), "nodes=2\nnode.1.admin=127.0.0.1:1\n"
                + "node.2.admin=127.0.0.1:" + node.adminPort() + "\n");
        Run byState = murmur("cluster", "status", "--dir", dir.toString());
        assertThat(byState.exit()).as(byState.err()).isZero();
        assertThat(byState.out()).contains("1 member(s)");

        Run byNode = murmur("cluster", "status", "--dir", dir.toString(), "--node", "3");
        assertThat(byNode.exit()).isEqualTo(CtlException.FAILED);
        assertThat(byNode.err()).contains("no node 3");
    }

    @Test
    void leaveNeedsANamedNode() {
        Run r = murmur("cluster", "leave");
        assertThat(r.exit()).isEqualTo(CtlException.FAILED);
        assertThat(r.err()).contains("say which node leaves");
    }

    @Test
    void leaveMakesThatNodeLeaveGracefully() {
        MurmurNode leaving = TestNode.start();
        Run r = murmur("cluster", "leave", "--url", "http://127.0.0.1:" + leaving.adminPort());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("is leaving the cluster");
        await().atMost(Duration.ofSeconds(30)).until(() -> leaving.system().whenTerminated().isCompleted());
        // the reason Main maps to exit code 0 (not 4, downed)
        assertThat(CoordinatedShutdown.get(leaving.system()).getShutdownReason())
                .contains(CoordinatedShutdown.clusterLeavingReason());
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
