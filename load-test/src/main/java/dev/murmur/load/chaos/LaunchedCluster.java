package dev.murmur.load.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A cluster this run starts with the local-cluster launcher ({@code murmur local-cluster}) as a
 * child process: one JVM per node, an embedded PostgreSQL, and a launcher that restarts a node
 * that exits. Ready when the launcher prints {@code murmur: cluster up:}; node pids and
 * addresses come from its state file {@code <dir>/cluster.properties}. Closing stops the launcher
 * (SIGTERM, which stops its nodes), then kills what is left; a JVM shutdown hook does the same if
 * the run dies.
 */
public final class LaunchedCluster implements ClusterTarget {
    /** The line the launcher prints once every node answered GET /ready. */
    static final String UP_LINE = "murmur: cluster up:";
    /** HOCON line for every node: bind outbound Artery connections to the node's canonical address. */
    static final String OUTBOUND_FROM_OWN_ADDRESS =
            "pekko.remote.artery.advanced.tcp.outbound-client-hostname = ${pekko.remote.artery.canonical.hostname}";
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);
    private static final long POLL_MILLIS = 200;

    private final Path dir;
    private final Process process;
    private final Thread hook;
    private final String commandLine;
    private volatile ClusterState state;
    private volatile boolean sawUp;
    private volatile String lastLine = "";

    private LaunchedCluster(Path dir, Process process, Thread hook, String commandLine) {
        this.dir = dir;
        this.process = process;
        this.hook = hook;
        this.commandLine = commandLine;
    }

    /**
     * Runs {@code launcher} (e.g. {@code ./murmur local-cluster}) with the node count, free ports,
     * {@code dir} and, for partitions, one loopback address per node; waits at most
     * {@code upTimeout} for the cluster to come up. Every launcher output line goes to
     * {@code dir/launcher.log} and to {@code lines}.
     */
    public static LaunchedCluster start(List<String> launcher, int nodes, Path dir, boolean loopbackPerNode,
                                        Duration upTimeout, Consumer<String> lines)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("--nodes", Integer.toString(nodes), "--free-ports", "--dir", dir.toString()));
        if (loopbackPerNode) {
            command.add("--loopback-per-node");
            // Artery's outbound connections then leave from the node's own address too, so the
            // partition rules can tell a cut node's outbound traffic from the others'.
            command.addAll(List.of("--node-opt", OUTBOUND_FROM_OWN_ADDRESS));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread hook = new Thread(() -> stop(p), "murmur-chaos-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        LaunchedCluster cluster = new LaunchedCluster(dir, p, hook, abbreviate(command));
        CountDownLatch up = new CountDownLatch(1);
        Thread reader = new Thread(() -> cluster.pump(up, lines), "murmur-chaos-launcher-output");
        reader.setDaemon(true);
        reader.start();
        try {
            boolean inTime = up.await(upTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!inTime) {
                throw new IllegalStateException("the cluster was not up within " + upTimeout.toSeconds() + " s (see "
                        + dir.resolve("launcher.log") + ")");
            }
            if (!cluster.sawUp) {
                String code = p.waitFor(5, TimeUnit.SECONDS) ? "exited with code " + p.exitValue() : "closed its output";
                throw new IllegalStateException("the launcher " + code + " before the cluster was up: "
                        + cluster.lastLine);
            }
            cluster.refresh();
            if (cluster.state == null) {
                throw new IllegalStateException("the launcher wrote no " + dir.resolve("cluster.properties"));
            }
            return cluster;
        } catch (InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void pump(CountDownLatch up, Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(dir.resolve("launcher.log"),
                     StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                log.println(line);
                lines.accept(line);
                lastLine = line;
                if (line.startsWith(UP_LINE)) {
                    sawUp = true;
                    up.countDown();
                }
            }
        } catch (IOException e) {
            // the launcher is gone; start() and close() notice through the process
        } finally {
            up.countDown();
        }
    }

    /** The command for messages: a class path (long, full of jars) is shown as {@code <classpath>}. */
    static String abbreviate(List<String> command) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            boolean classPath = i > 0 && (command.get(i - 1).equals("-cp") || command.get(i - 1).equals("-classpath"));
            shown.add(classPath ? "<classpath>" : command.get(i));
        }
        return String.join(" ", shown);
    }

    /** Re-reads the state file (pids change when the launcher restarts a node). */
    ClusterState refresh() {
        try {
            ClusterState s = ClusterState.read(dir.resolve("cluster.properties"));
            if (s != null) {
                state = s;
            }
        } catch (IOException | IllegalArgumentException e) {
            // a torn read cannot happen (atomic rename); keep the last good reading
        }
        return state;
    }

    @Override
    public int size() {
        return state.nodes();
    }

    @Override
    public List<InetSocketAddress> mqtt() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 1; i <= size(); i++) {
            out.add(state.mqtt(i));
        }
        return out;
    }

    @Override
    public OptionalLong pid(int node) {
        return OptionalLong.of(refresh().pid(node));
    }

    @Override
    public InetSocketAddress remoting(int node) {
        return state.remoting(node);
    }

    @Override
    public void awaitRestarted(int node, long oldPid, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            ClusterState s = refresh();
            if (s.pid(node) != oldPid && ProcessHandle.of(s.pid(node)).map(ProcessHandle::isAlive).orElse(false)
                    && Readiness.ready(s.admin(node))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("node-" + node + " was not restarted and ready within " + max.toSeconds()
                + " s");
    }

    @Override
    public List<Integer> restarts() {
        ClusterState s = refresh();
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i <= s.nodes(); i++) {
            out.add(s.restarts(i));
        }
        return out;
    }

    @Override
    public String describe() {
        return "launched: " + commandLine;
    }

    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or ran
        }
    }

    /** SIGTERM to the launcher (it stops its nodes and PostgreSQL), then SIGKILL to whatever is left. */
    private static void stop(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        tree.addAll(p.descendants().toList());
        for (ProcessHandle h : tree) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }
}
