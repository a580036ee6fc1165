package dev.murmur.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RouteIndexSettingsTest {

    @Test
    void theShippedResyncIntervalIsOneSecond() {
        assertThat(RouteIndexSettings.from(ConfigFactory.defaultReference()).resyncInterval())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aZeroResyncIntervalNamesTheKey() {
        assertThatThrownBy(() -> RouteIndexSettings.from(ConfigFactory
                .parseString("murmur.routing.route-index-resync-interval = 0s")
                .withFallback(ConfigFactory.defaultReference())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.routing.route-index-resync-interval");
    }

    @Test
    void theRouteIndexReplicatorHasItsOwnSettingsAndTakesTheRestFromPekko() {
        var replicator = RouteIndexSettings.from(ConfigFactory.parseString(
                "murmur.routing.route-index-replicator.gossip-interval = 10s")
                .withFallback(ConfigFactory.defaultReference())).replicator();
        assertThat(replicator.gossipInterval().toMillis()).isEqualTo(10_000);
        // Not set under murmur.routing.route-index-replicator: Pekko's default.
        assertThat(replicator.maxDeltaElements())
                .isEqualTo(ConfigFactory.defaultReference().getInt("pekko.cluster.distributed-data.max-delta-elements"));
    }

    @Test
    void aBadReplicatorGossipIntervalNamesTheKey() {
        assertThatThrownBy(() -> RouteIndexSettings.from(ConfigFactory
                .parseString("murmur.routing.route-index-replicator.gossip-interval = 0s")
                .withFallback(ConfigFactory.defaultReference())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.routing.route-index-replicator.gossip-interval");
        assertThatThrownBy(() -> RouteIndexSettings.from(ConfigFactory
                .parseString("murmur.routing.route-index-replicator.gossip-interval = often")
                .withFallback(ConfigFactory.defaultReference())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("murmur.routing.route-index-replicator.gossip-interval");
    }
}
