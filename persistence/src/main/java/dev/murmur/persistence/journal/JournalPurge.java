package dev.murmur.persistence.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Physically deletes every journal row and snapshot of one persistence id. Pekko's own
 * deleteEvents keeps the highest event (marked deleted) to remember the sequence number; an
 * expired MQTT session must leave nothing behind, and its next incarnation starts at 1 again.
 */
public final class JournalPurge {
    private final JournalDialect dialect;
    private final String deleteEvents;
    private final String deleteSnapshots;

    public JournalPurge(JournalDialect dialect) {
        this.dialect = dialect;
        this.deleteEvents = "DELETE FROM " + dialect.table("event_journal") + " WHERE "
                + dialect.column("persistence_id") + " = ?";
        this.deleteSnapshots = "DELETE FROM " + dialect.table("snapshot") + " WHERE "
                + dialect.column("persistence_id") + " = ?";
    }

    /** Deletes the rows; returns how many event rows were removed. Blocking: run it off actor threads. */
    public int purge(Connection c, String persistenceId) throws SQLException {
        int events;
        try (PreparedStatement ps = c.prepareStatement(deleteEvents)) {
            ps.setString(1, persistenceId);
            events = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(deleteSnapshots)) {
            ps.setString(1, persistenceId);
            ps.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        return events;
    }

    /** Counts the event rows of a persistence id, deleted-marked ones included (tests, benchmarks). */
    public long countEvents(Connection c, String persistenceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + dialect.table("event_journal")
                + " WHERE " + dialect.column("persistence_id") + " = ?")) {
            ps.setString(1, persistenceId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
