package dev.murmur.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.murmur.persistence.journal.JournalDialect;
import dev.murmur.persistence.journal.JournalTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The validated `murmur.persistence { }` tree: whether persistent sessions and retained messages
 * are journaled, where the journal lives and how it is kept small.
 *
 * @param enabled        off keeps everything in memory (no journal is opened)
 * @param journal        database, URL, credentials and pool size of the journal
 * @param createSchema   create missing journal tables at start-up
 * @param snapshotEvery  events between snapshots of a persistent entity (older events are deleted)
 * @param recoveryTimeout how long start-up waits for shard hubs to recover durable subscriptions
 * @param retainedBuckets number of event-sourced entities that hold retained messages by topic hash
 * @param handoffTimeout how long a QoS 1/2 hand-off waits for its confirmations before it is retried
 */
public record PersistenceSettings(boolean enabled, JournalTarget journal, boolean createSchema, int snapshotEvery,
                                  Duration recoveryTimeout, int retainedBuckets, Duration handoffTimeout) {
    private static final String PREFIX = "murmur.persistence.";

    /** Reads and validates {@code murmur.persistence}; errors name the key. */
    public static PersistenceSettings from(Config config) {
        Config p = config.getConfig("murmur.persistence");
        int pool = intIn(p, "pool-size", 1, 1_000);
        String kind = p.getString("journal").toLowerCase(Locale.ROOT);
        JournalTarget target = switch (kind) {
            case "h2" -> {
                String path = p.getString("h2.path");
                if (path.isBlank()) {
                    throw new InvalidSettingException(PREFIX + "h2.path", "must not be empty");
                }
                yield JournalTarget.h2(Path.of(path), pool);
            }
            case "postgres" -> {
                String url = p.getString("postgres.url");
                if (!url.startsWith("jdbc:postgresql:")) {
                    throw new InvalidSettingException(PREFIX + "postgres.url",
                            "must be a jdbc:postgresql: URL, was '" + url + "'");
                }
                yield new JournalTarget(JournalDialect.POSTGRES, url, p.getString("postgres.user"),
                        p.getString("postgres.password"), pool);
            }
            default -> throw new InvalidSettingException(PREFIX + "journal",
                    "unknown journal '" + kind + "', expected h2 or postgres");
        };
        return new PersistenceSettings(
                p.getBoolean("enabled"),
                target,
                p.getBoolean("create-schema"),
                intIn(p, "snapshot-every", 1, 1_000_000),
                positive(p, "recovery-timeout"),
                intIn(p, "retained-buckets", 1, 65_536),
                positive(p, "handoff-timeout"));
    }

    private static int intIn(Config p, String key, int min, int max) {
        long v;
        try {
            v = p.getLong(key);
        } catch (ConfigException.WrongType e) {
            throw new InvalidSettingException(PREFIX + key, e.getMessage());
        }
        if (v < min || v > max) {
            throw new InvalidSettingException(PREFIX + key, "must be within " + min + ".." + max + ", was " + v);
        }
        return (int) v;
    }

    private static Duration positive(Config p, String key) {
        Duration d = p.getDuration(key);
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(PREFIX + key, "must be a positive duration, was " + d);
        }
        return d;
    }
}
