package dev.murmur.persistence.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates the journal tables that are missing (every statement of the schema scripts is idempotent). */
public final class JournalSchema {
    private JournalSchema() {
    }

    /** Runs the dialect's schema script; for H2 the database directory is created first. */
    public static void create(JournalTarget target) throws SQLException {
        if (target.dialect() == JournalDialect.H2) {
            createH2Directory(target.url());
        }
        try (Connection c = target.connect(); Statement st = c.createStatement()) {
            for (String sql : statements(target.dialect())) {
                st.execute(sql);
            }
        }
    }

    /** The statements of a dialect's script, comments dropped, split at semicolons. */
    public static List<String> statements(JournalDialect dialect) {
        String script;
        try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(dialect.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + dialect.schemaResource());
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dialect.schemaResource(), e);
        }
        StringBuilder body = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.strip().startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        List<String> result = new ArrayList<>();
        for (String s : body.toString().split(";")) {
            if (!s.isBlank()) {
                result.add(s.strip());
            }
        }
        return result;
    }

    private static void createH2Directory(String url) throws SQLException {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) {
            return;
        }
        String file = url.substring(prefix.length()).split(";", 2)[0];
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new SQLException("cannot create the journal directory " + parent + ": " + e.getMessage(), e);
        }
    }
}
