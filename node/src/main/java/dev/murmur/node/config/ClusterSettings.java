package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * The validated `murmur.cluster { }` tree plus the seed nodes it applies to.
 *
 * @param joinTimeout how long a node with seed nodes may take to become a member (Up or
 *                    WeaklyUp) before it gives up and exits (code 5)
 * @param seedNodes   {@code pekko.cluster.seed-nodes}; empty: the node forms a cluster of one
 */
public record ClusterSettings(Duration joinTimeout, List<String> seedNodes) {
    private static final String PREFIX = "murmur.cluster.";

    public ClusterSettings {
        seedNodes = List.copyOf(seedNodes);
    }

    /** Reads and validates {@code murmur.cluster}; errors name the key. */
    public static ClusterSettings from(Config config) {
        Config c = config.getConfig("murmur.cluster");
        return new ClusterSettings(Settings.positive(c, PREFIX, "join-timeout"),
                config.getStringList("pekko.cluster.seed-nodes"));
    }
}
