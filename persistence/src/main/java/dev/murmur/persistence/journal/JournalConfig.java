package dev.murmur.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;

/**
 * The Pekko configuration that points pekko-persistence-jdbc's shared connection pool (used by the
 * journal, the snapshot store and the read journal, see reference.conf) at a {@link JournalTarget}.
 */
public final class JournalConfig {
    private static final String SHARED_DB = "pekko-persistence-jdbc.shared-databases.slick";

    private JournalConfig() {
    }

    /**
     * Each event-sourced entity has at most one write in flight, so the number of active entities
     * already bounds the plugin's write queue; its default (1 000) fails writes when one message
     * reaches, say, 100 000 offline persistent sessions at once.
     */
    static final int WRITE_BUFFER = 200_000;

    /**
     * Configuration to layer under the node's own overrides and over reference.conf. Everything
     * that replaces a library default is set here rather than in a reference.conf: reference.conf
     * files merge in classpath order, so a library's own default could otherwise win.
     */
    public static Config pekkoConfig(JournalTarget target) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of(
                SHARED_DB + ".profile", target.dialect().slickProfile(),
                SHARED_DB + ".db.url", target.url(),
                SHARED_DB + ".db.user", target.user(),
                SHARED_DB + ".db.password", target.password(),
                SHARED_DB + ".db.driver", target.dialect().driver(),
                SHARED_DB + ".db.numThreads", target.poolSize(),
                SHARED_DB + ".db.maxConnections", target.poolSize(),
                SHARED_DB + ".db.minConnections", 1));
        values.put("pekko.persistence.journal.plugin", "jdbc-journal");
        values.put("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store");
        // journal, snapshot store and read journal share one connection pool
        values.put("jdbc-journal.use-shared-db", "slick");
        values.put("jdbc-snapshot-store.use-shared-db", "slick");
        values.put("jdbc-read-journal.use-shared-db", "slick");
        values.put("jdbc-journal.bufferSize", WRITE_BUFFER);
        return ConfigFactory.parseMap(values);
    }
}
