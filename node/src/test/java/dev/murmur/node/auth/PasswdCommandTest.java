package dev.murmur.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.watch.FileFormatException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code murmur passwd FILE USER} as the operator runs it, through the main command line. */
class PasswdCommandTest {
    @TempDir
    Path dir;

    private int run(String stdin, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            CommandLine cmd = new CommandLine(new dev.murmur.node.Main());
            cmd.setErr(new PrintWriter(new StringWriter()));
            return cmd.execute(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void addsChangesAndDeletesUsers() throws Exception {
        Path file = dir.resolve("passwd");
        assertThat(run("first\n", "passwd", file.toString(), "alice", "--password-stdin", "--iterations", "1000")).isZero();
        assertThat(run("other\n", "passwd", file.toString(), "bob", "--password-stdin", "--iterations", "1000")).isZero();
        assertThat(run("second\n", "passwd", file.toString(), "alice", "--password-stdin", "--iterations", "1000")).isZero();
        Map<String, String> users = parse(file);
        assertThat(users).containsOnlyKeys("alice", "bob");
        assertThat(PasswordHasher.verify(users.get("alice"), "second".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(PasswordHasher.verify(users.get("alice"), "first".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(Files.readString(file)).doesNotContain("second"); // never the password itself
        assertThat(run("", "passwd", file.toString(), "bob", "--delete")).isZero();
        assertThat(parse(file)).containsOnlyKeys("alice");
    }

    @Test
    void refusesBadInput() {
        Path file = dir.resolve("passwd");
        assertThat(run("pw\n", "passwd", file.toString(), "a:b", "--password-stdin")).isNotZero();
        assertThat(run("\n", "passwd", file.toString(), "alice", "--password-stdin")).isNotZero();
        assertThat(Files.exists(file)).isFalse();
    }

    private static Map<String, String> parse(Path file) throws Exception, FileFormatException {
        return PasswordFile.parse(Files.readAllLines(file));
    }
}
