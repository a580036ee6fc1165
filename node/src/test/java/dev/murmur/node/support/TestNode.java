package dev.murmur.node.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.murmur.node.MurmurNode;

/** Starts an in-process node on ephemeral ports (MQTT and cluster remoting) for a test class. */
public final class TestNode {
    private TestNode() {
    }

    /** A node with test defaults; {@code extraHocon} overrides them. */
    public static MurmurNode start(String extraHocon) {
        Config overrides = ConfigFactory.parseString(extraHocon)
                .withFallback(ConfigFactory.parseString("""
                        murmur.node-name = "test"
                        murmur.listeners = [{ name = "test", kind = "tcp", host = "127.0.0.1", port = 0 }]
                        murmur.sys.enabled = off
                        murmur.mqtt.connect-timeout = 2s
                        pekko.remote.artery.canonical.hostname = "127.0.0.1"
                        pekko.remote.artery.canonical.port = 0
                        pekko.loglevel = "WARNING"
                        murmur.admin.port = 0
                        murmur.admin.cluster-stats-interval = 200ms
                        """));
        return MurmurNode.start(overrides);
    }

    /** The port the listener called {@code name} was bound to. */
    public static int port(MurmurNode node, String name) {
        return node.listeners().stream().filter(b -> b.settings().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener " + name)).port();
    }

    public static MurmurNode start() {
        return start("");
    }
}
