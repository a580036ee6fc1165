package dev.murmur.persistence.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/**
 * The Pekko configuration that points pekko-persistence-jdbc's shared connection pool (used by the
 * journal, the snapshot store and the read journal, see reference.conf) at a {@link JournalTarget}.
 */
public final class JournalConfig {
    private static final String SHARED_DB = "pekko-persistence-jdbc.shared-databases.slick";

    private JournalConfig() {
    }

    /** Configuration to layer under the node's own overrides and over reference.conf. */
    public static Config pekkoConfig(JournalTarget target) {
        return ConfigFactory.parseMap(Map.of(
                SHARED_DB + ".profile", target.dialect().slickProfile(),
                SHARED_DB + ".db.url", target.url(),
                SHARED_DB + ".db.user", target.user(),
                SHARED_DB + ".db.password", target.password(),
                SHARED_DB + ".db.driver", target.dialect().driver(),
                SHARED_DB + ".db.numThreads", target.poolSize(),
                SHARED_DB + ".db.maxConnections", target.poolSize(),
                SHARED_DB + ".db.minConnections", 1))
                .withValue("pekko.persistence.journal.plugin", ConfigValueFactory.fromAnyRef("jdbc-journal"));
    }
}
