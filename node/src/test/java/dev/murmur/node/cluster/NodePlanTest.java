package dev.murmur.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the launcher generates for each node, from the example files. */
class NodePlanTest {
    private static final String JOURNAL = """
            murmur.persistence.journal = "postgres"
            murmur.persistence.postgres.url = "jdbc:postgresql://127.0.0.1:5999/postgres"
            """;

    @TempDir
    Path dir;

    private LocalCluster.Options options() {
        return LocalCluster.Options.defaults().withConfigDir(LocalClusterTest.configDir()).withDir(dir);
    }

    @Test
    void theExampleFilesGiveEachNodeItsPortsAndNodeOneAndTwoAsSeeds() {
        Set<Integer> taken = new HashSet<>();
        List<NodePlan> plans = List.of(NodePlan.of(1, options(), taken), NodePlan.of(2, options(), taken),
                NodePlan.of(3, options(), taken));

        assertThat(plans.get(2).mqtt()).hasToString("127.0.0.1:1885");
        assertThat(plans.get(2).admin()).hasToString("127.0.0.1:8083");
        assertThat(plans.get(2).remoting()).hasToString("127.0.0.1:25523");

        Config c = generated(plans.get(2), plans.subList(0, 2), List.of("murmur.sys.interval = 1s"));
        assertThat(c.getString("murmur.node-name")).isEqualTo("node-3");
        assertThat(c.getConfigList("murmur.listeners").get(0).getInt("port")).isEqualTo(1885);
        assertThat(c.getStringList("pekko.cluster.seed-nodes"))
                .containsExactly("pekko://murmur@127.0.0.1:25521", "pekko://murmur@127.0.0.1:25522");
        // the launcher's journal wins over common.conf's; --node-opt lines come last
        assertThat(c.getString("murmur.persistence.postgres.url")).contains(":5999/");
        assertThat(c.getString("murmur.sys.interval")).isEqualTo("1s");
        // what the operator's files set and the launcher does not touch stays
        assertThat(c.getInt("murmur.persistence.pool-size")).isEqualTo(8);
    }

    @Test
    void freePortsAndALoopbackAddressPerNodeKeepMqttAndAdminOnOneTwoSevenDotOne() {
        Set<Integer> taken = new HashSet<>();
        LocalCluster.Options o = options().withFreePorts(true).withLoopbackPerNode(true);
        NodePlan one = NodePlan.of(1, o, taken);
        NodePlan two = NodePlan.of(2, o, taken);

        assertThat(two.remoting().host()).isEqualTo("127.0.0.12");
        assertThat(two.mqtt().host()).isEqualTo("127.0.0.1");
        assertThat(two.admin().host()).isEqualTo("127.0.0.1");
        assertThat(Set.of(one.mqtt().port(), one.admin().port(), one.remoting().port(), two.mqtt().port(),
                two.admin().port(), two.remoting().port())).hasSize(6).doesNotContain(1883, 8081, 25521);

        Config c = generated(two, List.of(one, two), List.of());
        assertThat(c.getString("pekko.remote.artery.canonical.hostname")).isEqualTo("127.0.0.12");
        assertThat(c.getInt("pekko.remote.artery.canonical.port")).isEqualTo(two.remoting().port());
        assertThat(c.getInt("murmur.admin.port")).isEqualTo(two.admin().port());
        assertThat(c.getConfigList("murmur.listeners").get(0).getInt("port")).isEqualTo(two.mqtt().port());
        assertThat(c.getStringList("pekko.cluster.seed-nodes")).containsExactly(
                "pekko://murmur@127.0.0.11:" + one.remoting().port(),
                "pekko://murmur@127.0.0.12:" + two.remoting().port());
    }

    @Test
    void aNodeWithoutAFileAndAClusterOfSixAreRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> NodePlan.of(1, options().withConfigDir(empty), new HashSet<>()))
                .hasMessageContaining("no configuration for node 1");
        assertThatThrownBy(() -> options().withNodes(6)).hasMessageContaining("1..5");
    }

    private Config generated(NodePlan plan, List<NodePlan> seeds, List<String> nodeOptions) {
        Path file = plan.writeConfig(dir, JOURNAL, seeds, nodeOptions);
        assertThat(file).hasFileName(plan.name() + ".conf");
        return ConfigFactory.parseFile(file.toFile()).resolve();
    }
}
