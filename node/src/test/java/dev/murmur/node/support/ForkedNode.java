package dev.murmur.node.support;

import dev.murmur.node.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node in its own JVM (the test classpath, {@link Main} with a config file), so a test can
 * {@code kill -9} it: nothing of the node's shutdown code runs, as after a real crash.
 */
public final class ForkedNode implements AutoCloseable {
    private static final Pattern BOUND = Pattern.compile("event=listener_bound .* address=[^ ]*:(\\d+)");
    private static final long START_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final int port;

    private ForkedNode(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a node with {@code hocon} (ephemeral ports are added) and waits for its listener. */
    public static ForkedNode start(Path dir, String hocon) throws IOException {
        Path conf = Files.createTempFile(dir, "node", ".conf");
        Files.writeString(conf, hocon + """

                murmur.listeners = [{ name = "it", kind = "tcp", host = "127.0.0.1", port = 0 }]
                murmur.sys.enabled = off
                murmur.admin.port = 0
                pekko.remote.artery.canonical.port = 0
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseParallelGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "--config", conf.toString())
                .redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> pump(p, port), "forked-node-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ForkedNode(p, port.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("forked node did not start: " + e, e);
        }
    }

    /** Reads the node's output (so its pipe never fills), noting the listener port and echoing warnings. */
    private static void pump(Process p, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = BOUND.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
                if (line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception")) {
                    System.out.println("[forked] " + line);
                }
            }
        } catch (IOException e) {
            // the process died; the test notices through its clients
        }
        port.completeExceptionally(new IllegalStateException("node exited before binding its listener"));
    }

    public int port() {
        return port;
    }

    /** SIGKILL: no shutdown hook, no coordinated shutdown, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful path; waits for the process to exit. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
