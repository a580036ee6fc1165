package dev.murmur.node.support;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.murmur.node.MurmurNode;
import java.nio.file.Path;
import java.util.UUID;

/** Starts an in-process node on ephemeral ports (MQTT and cluster remoting) for a test class. */
public final class TestNode {
    private TestNode() {
    }

    /** A node with test defaults and a journal of its own; {@code extraHocon} overrides them. */
    public static MurmurNode start(String extraHocon) {
        return start(extraHocon, freshJournalPath());
    }

    /** A fresh H2 journal location under target/test-data (a node restarted on it recovers its state). */
    public static Path freshJournalPath() {
        return Path.of("target", "test-data", UUID.randomUUID().toString(), "murmur").toAbsolutePath();
    }

    /** A node on the H2 journal at {@code journal}; {@code extraHocon} overrides the test defaults. */
    public static MurmurNode start(String extraHocon, Path journal) {
        Config overrides = ConfigFactory.parseString(extraHocon)
                .withFallback(ConfigFactory.parseString("murmur.persistence.h2.path = \"" + journal + "\""))
                .withFallback(ConfigFactory.parseString("""
                        murmur.node-name = "test"
                        murmur.listeners = [{ name = "test", kind = "tcp", host = "127.0.0.1", port = 0 }]
                        murmur.sys.enabled = off
                        murmur.mqtt.connect-timeout = 2s
                        pekko.remote.artery.canonical.hostname = "127.0.0.1"
                        pekko.remote.artery.canonical.port = 0
                        pekko.loglevel = "WARNING"
                        # Every message is serialized on its way, so a missing Kryo id fails fast.
                        pekko.actor.serialize-messages = on
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
