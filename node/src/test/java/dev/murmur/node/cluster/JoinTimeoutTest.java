package dev.murmur.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A node that cannot reach its seeds gives up after murmur.cluster.join-timeout and exits 5. */
class JoinTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void aNodeWhoseSeedsDoNotAnswerExitsFiveNamingThem() throws Exception {
        String seed = "pekko://murmur@127.0.0.1:" + unusedPort();
        Path conf = config("""
                murmur.cluster.join-timeout = 2s
                pekko.cluster.seed-nodes = ["%s"]
                """.formatted(seed));

        Run run = main(conf);

        assertThat(run.code).isEqualTo(5);
        assertThat(run.err).contains("could not join the cluster within PT2S").contains(seed);
    }

    @Test
    void aJoinTimeoutThatIsNotPositiveIsAConfigurationErrorNamingTheKey() throws Exception {
        Run run = main(config("murmur.cluster.join-timeout = 0s\n"));

        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("murmur.cluster.join-timeout");
    }

    private Path config(String extra) throws Exception {
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, """
                murmur.listeners = [{ name = "mqtt", kind = "tcp", host = "127.0.0.1", port = 0 }]
                murmur.admin.enabled = off
                murmur.persistence.enabled = off
                murmur.sys.enabled = off
                pekko.remote.artery.canonical.port = 0
                """ + extra);
        return conf;
    }

    private record Run(int code, String err) {
    }

    /** Main in this JVM, its standard error captured. */
    private static Run main(Path conf) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new Main()).execute("--config", conf.toString());
            return new Run(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
