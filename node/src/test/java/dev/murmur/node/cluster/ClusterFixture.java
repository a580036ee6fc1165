package dev.murmur.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.PrometheusText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * One local cluster (real node JVMs via {@link LocalCluster}, an embedded PostgreSQL journal,
 * free ports) shared by the tests of one class, plus what those tests ask its admin API: where a
 * client's session lives, whether every member is up, the nodes' metrics.
 */
final class ClusterFixture implements AutoCloseable {
    static final Duration UP = Duration.ofSeconds(120);
    /** murmur.sessions.number-of-shards of the example cluster (reference.conf's default). */
    static final int SHARDS = 128;

    private final LocalCluster cluster;

    private ClusterFixture(LocalCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts {@code nodes} nodes with {@code nodeOptions} (HOCON lines) and waits until all are up. */
    static ClusterFixture start(Path dir, int nodes, String... nodeOptions) throws IOException, TimeoutException {
        LocalCluster.Options options = LocalCluster.Options.defaults().withNodes(nodes).withFreePorts(true)
                .withDir(dir).withConfigDir(LocalClusterTest.configDir()).withHeap("256m")
                .withRestartDelayMillis(200).withJvmOption("-XX:TieredStopAtLevel=1")
                .withNodeOption("murmur.sys.interval = 1s")
                .withNodeOption("murmur.admin.cluster-stats-interval = 500ms")
                .withNodeOption("pekko.cluster.sharding.rebalance-interval = 2s")
                .withOut(line -> System.out.println("[cluster] " + line));
        for (String o : nodeOptions) {
            options = options.withNodeOption(o);
        }
        LocalCluster cluster = LocalCluster.start(options);
        ClusterFixture fixture = new ClusterFixture(cluster);
        try {
            cluster.awaitUp(UP);
            fixture.awaitMembersUp();
            fixture.awaitBalanced();
        } catch (RuntimeException | TimeoutException e) {
            cluster.close();
            throw e;
        }
        return fixture;
    }

    LocalCluster cluster() {
        return cluster;
    }

    int nodes() {
        return cluster.nodes();
    }

    int mqttPort(int node) {
        return cluster.mqttPort(node);
    }

    AdminHttp admin(int node) {
        return new AdminHttp(cluster.adminPort(node));
    }

    /** Every node alive, and every node sees all of them up and reachable. */
    void awaitMembersUp() {
        await().atMost(UP).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() -> {
            for (int i = 1; i <= nodes(); i++) {
                assertThat(cluster.alive(i)).as("node %d alive", i).isTrue();
                JsonNode view = admin(i).get("/api/v1/cluster").json();
                assertThat(view.path("size").asInt()).as("members seen by node %d", i).isEqualTo(nodes());
                assertThat(view.path("members")).allSatisfy(m -> {
                    assertThat(m.path("status").asText()).isEqualTo("up");
                    assertThat(m.path("reachable").asBoolean()).isTrue();
                });
            }
        });
    }

    /**
     * Every node hosts its share of the shards (rebalancing done), so sessions stay where a test
     * found them: a shard that moves mid-test restarts its sessions elsewhere.
     */
    void awaitBalanced() {
        await().atMost(UP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            JsonNode view = admin(1).get("/api/v1/cluster").json();
            int total = 0;
            int least = Integer.MAX_VALUE;
            int most = 0;
            for (JsonNode m : view.path("members")) {
                int shards = m.path("shards").asInt();
                total += shards;
                least = Math.min(least, shards);
                most = Math.max(most, shards);
            }
            assertThat(view.path("members")).hasSize(nodes());
            assertThat(total).as("every shard allocated").isEqualTo(SHARDS);
            assertThat(most - least).as("shards per node %s", view.path("members")).isLessThanOrEqualTo(2);
        });
    }

    /** The node (1..n) that hosts the shard of {@code clientId}'s session, from {@code askNode}'s admin API. */
    int sessionNode(String clientId, int askNode) {
        int[] found = new int[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            JsonNode placement = admin(askNode).get("/api/v1/cluster/placement/" + clientId).json();
            found[0] = nodeByRemoting(placement.path("node").asText());
            return found[0] > 0;
        });
        return found[0];
    }

    /** A fresh client id whose session shard is hosted on {@code node} (GET /api/v1/cluster/placement). */
    String idWithSessionOn(String prefix, int node, int via) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String id = dev.murmur.node.support.Clients.id(prefix);
            if (sessionNode(id, via) == node) {
                return id;
            }
        }
        throw new AssertionError("no client id with a session on node " + node);
    }

    /** The node index whose Artery address is {@code hostPort}, or 0. */
    int nodeByRemoting(String hostPort) {
        for (int i = 1; i <= nodes(); i++) {
            if (cluster.remoting(i).equals(hostPort)) {
                return i;
            }
        }
        return 0;
    }

    PrometheusText metrics(int node) {
        return PrometheusText.parse(admin(node).get("/metrics").body());
    }

    /** The sum of one counter family (with its _total) over every node. */
    double sumOverNodes(String sample) {
        double sum = 0;
        for (int i = 1; i <= nodes(); i++) {
            sum += metrics(i).sum(sample);
        }
        return sum;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
