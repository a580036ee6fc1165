package dev.murmur.persistence.journal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where the journal lives: dialect, JDBC URL, credentials and the size of the connection pool. */
public record JournalTarget(JournalDialect dialect, String url, String user, String password, int poolSize) {

    @Override
    public String toString() {
        return "JournalTarget[" + dialect + " " + url + " user=" + user + " pool=" + poolSize + "]"; // no password
    }

    /**
     * An H2 file database at {@code path} (without the .mv.db extension). WRITE_DELAY=0 makes every
     * commit reach the file before the journal confirms it: H2's default 500 ms delay would lose
     * acknowledged events when the process is killed.
     */
    public static JournalTarget h2(Path path, int poolSize) {
        String url = "jdbc:h2:file:" + path.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        return new JournalTarget(JournalDialect.H2, url, "murmur", "", poolSize);
    }

    /** A direct connection, outside the journal's pool (schema creation, tests). */
    public Connection connect() throws SQLException {
        try {
            Class.forName(dialect.driver());
        } catch (ClassNotFoundException e) {
            throw new SQLException("JDBC driver " + dialect.driver() + " is not on the classpath", e);
        }
        return DriverManager.getConnection(url, user, password);
    }
}
