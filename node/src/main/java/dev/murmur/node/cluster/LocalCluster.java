package dev.murmur.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A whole Murmur cluster on this machine: an embedded PostgreSQL as the shared journal and one
 * JVM per node ({@code dev.murmur.node.Main --config <dir>/node-i.conf}, same class path),
 * supervised and restarted when they exit. `murmur local-cluster` is a thin wrapper; tests use
 * it directly: {@code try (LocalCluster c = LocalCluster.start(Options.defaults().withFreePorts(true)...))}.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final long AWAIT_POLL_MILLIS = 50;

    private final Options options;
    private final SharedJournal journal;
    private final ClusterStateFile state;
    private final ScheduledExecutorService scheduler;
    private final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();
    private volatile boolean up;
    private volatile boolean closed;

    /**
     * How the cluster runs. Immutable; start from {@link #defaults()} and change with {@code with...}.
     *
     * @param nodes           nodes to start, 1..{@value #MAX_NODES}; node i uses {@code <configDir>/node-i.conf}
     * @param restart         restart a node that exits (as systemd would), after {@code restartDelayMillis}
     * @param dir             generated configs, logs, the state file and PostgreSQL's data
     * @param configDir       where node-1.conf .. node-N.conf (and the common.conf they include) live
     * @param freePorts       random free MQTT, Artery and admin ports instead of the files' ports
     * @param loopbackPerNode Artery of node i on 127.0.0.(10+i), so one node can be cut off by address
     * @param heap            -Xmx of each node JVM
     * @param nodeOptions     HOCON lines appended verbatim to every generated node config
     * @param jvmOptions      extra JVM flags for every node
     * @param classpath       the node JVMs' class path (this JVM's by default)
     * @param restartDelayMillis pause between a node's exit and its restart
     * @param out             where the launcher's one-line reports go ({@code murmur: ...})
     */
    public record Options(int nodes, boolean restart, Path dir, Path configDir, boolean freePorts,
                          boolean loopbackPerNode, String heap, List<String> nodeOptions, List<String> jvmOptions,
                          String classpath, long restartDelayMillis, Consumer<String> out) {
        /** The example configuration has files for five nodes. */
        public static final int MAX_NODES = 5;
        /** Node i's Artery address with --loopback-per-node is 127.0.0.(LOOPBACK_BASE + i). */
        public static final int LOOPBACK_BASE = 10;

        public Options {
            if (nodes < 1 || nodes > MAX_NODES) {
                throw new IllegalArgumentException("--nodes must be within 1.." + MAX_NODES + ", was " + nodes);
            }
            if (restartDelayMillis < 0) {
                throw new IllegalArgumentException("the restart delay must not be negative");
            }
            nodeOptions = List.copyOf(nodeOptions);
            jvmOptions = List.copyOf(jvmOptions);
        }

        /** 3 nodes, restarts on, data/local-cluster, config/cluster, the files' ports, 512 MB heaps. */
        public static Options defaults() {
            return new Options(3, true, Path.of("data/local-cluster"), Path.of("config/cluster"), false, false,
                    "512m", List.of(), List.of(), currentClasspath(), 1000, System.out::println);
        }

        /**
         * This JVM's class path. Under surefire {@code java.class.path} is a manifest-only jar; the
         * real one is in {@code surefire.test.class.path}.
         */
        public static String currentClasspath() {
            String surefire = System.getProperty("surefire.test.class.path");
            return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        }

        public Options withNodes(int n) {
            return new Options(n, restart, dir, configDir, freePorts, loopbackPerNode, heap, nodeOptions, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        public Options withRestart(boolean on) {
            return new Options(nodes, on, dir, configDir, freePorts, loopbackPerNode, heap, nodeOptions, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        public Options withDir(Path d) {
            return new Options(nodes, restart, d, configDir, freePorts, loopbackPerNode, heap, nodeOptions, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        public Options withConfigDir(Path d) {
            return new Options(nodes, restart, dir, d, freePorts, loopbackPerNode, heap, nodeOptions, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        public Options withFreePorts(boolean on) {
            return new Options(nodes, restart, dir, configDir, on, loopbackPerNode, heap, nodeOptions, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        public Options withLoopbackPerNode(boolean on) {
            return new Options(nodes, restart, dir, configDir, freePorts, on, heap, nodeOptions, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        public Options withHeap(String size) {
            return new Options(nodes, restart, dir, configDir, freePorts, loopbackPerNode, size, nodeOptions,
                    jvmOptions, classpath, restartDelayMillis, out);
        }

        /** Adds one HOCON line (e.g. {@code murmur.mqtt.max-inflight = 64}) to every node's config. */
        public Options withNodeOption(String hoconLine) {
            List<String> all = new ArrayList<>(nodeOptions);
            all.add(hoconLine);
            return new Options(nodes, restart, dir, configDir, freePorts, loopbackPerNode, heap, all, jvmOptions,
                    classpath, restartDelayMillis, out);
        }

        /** Adds one JVM flag (e.g. {@code -XX:+UseZGC}) to every node's command line. */
        public Options withJvmOption(String flag) {
            List<String> all = new ArrayList<>(jvmOptions);
            all.add(flag);
            return new Options(nodes, restart, dir, configDir, freePorts, loopbackPerNode, heap, nodeOptions, all,
                    classpath, restartDelayMillis, out);
        }

        public Options withClasspath(String cp) {
            return new Options(nodes, restart, dir, configDir, freePorts, loopbackPerNode, heap, nodeOptions,
                    jvmOptions, cp, restartDelayMillis, out);
        }

        public Options withRestartDelayMillis(long millis) {
            return new Options(nodes, restart, dir, configDir, freePorts, loopbackPerNode, heap, nodeOptions,
                    jvmOptions, classpath, millis, out);
        }

        public Options withOut(Consumer<String> sink) {
            return new Options(nodes, restart, dir, configDir, freePorts, loopbackPerNode, heap, nodeOptions,
                    jvmOptions, classpath, restartDelayMillis, sink);
        }
    }

    private LocalCluster(Options options, SharedJournal journal) {
        this.options = options;
        this.journal = journal;
        this.state = new ClusterStateFile(options.dir());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-cluster");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts PostgreSQL and every node; returns at once (see {@link #awaitUp}). */
    public static LocalCluster start(Options options) throws IOException {
        Path dir = options.dir().toAbsolutePath();
        Files.createDirectories(dir);
        Set<Integer> taken = new HashSet<>();
        List<NodePlan> plans = new ArrayList<>();
        for (int i = 1; i <= options.nodes(); i++) {
            plans.add(NodePlan.of(i, options, taken));
        }
        SharedJournal journal = SharedJournal.start(dir.resolve("postgres"), dir.resolve("postgres.log"));
        options.out().accept("murmur: journal on PostgreSQL 127.0.0.1:" + journal.port() + " (data in "
                + dir.resolve("postgres") + ")");
        LocalCluster cluster = new LocalCluster(options.withDir(dir), journal);
        try {
            // Node 1 and 2 are the seeds (node 1 alone in a cluster of one).
            List<NodePlan> seeds = plans.subList(0, Math.min(2, plans.size()));
            for (NodePlan plan : plans) {
                Path config = plan.writeConfig(dir, journal.nodeConfig(), seeds, options.nodeOptions());
                cluster.nodes.add(new NodeProcess(plan, NodeProcess.command(options, config),
                        dir.resolve(plan.name() + ".log"), options.restart(), options.restartDelayMillis(),
                        cluster.scheduler, cluster.supervisor()));
            }
            cluster.nodes.forEach(NodeProcess::start);
            cluster.changed();
            ReadinessPoller.start(cluster.scheduler, cluster.nodes, cluster::readinessChanged);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private NodeProcess.Supervisor supervisor() {
        return new NodeProcess.Supervisor() {
            @Override
            public void changed() {
                LocalCluster.this.changed();
            }

            @Override
            public void report(String line) {
                if (!closed) {
                    options.out().accept(line);
                }
            }
        };
    }

    private void changed() {
        if (!closed) {
            state.write(journal.port(), nodes, up);
        }
    }

    private synchronized void readinessChanged() {
        if (!up && nodes.stream().allMatch(NodeProcess::ready)) {
            up = true;
            options.out().accept("murmur: cluster up: " + nodes.stream()
                    .map(n -> n.plan().name() + " mqtt=" + n.plan().mqtt() + " admin=http://" + n.plan().admin())
                    .collect(Collectors.joining(", ")));
        }
        changed();
    }

    /** Waits until every node answered GET /ready once (the `cluster up` line). */
    public void awaitUp(Duration timeout) throws TimeoutException {
        await(() -> up, timeout, "cluster up");
    }

    /** Waits until node i answers GET /ready (its current incarnation). */
    public void awaitReady(int i, Duration timeout) throws TimeoutException {
        NodeProcess n = node(i);
        await(n::ready, timeout, n.plan().name() + " ready");
    }

    /** Waits until node i was started again after the last {@link #kill}/{@link #terminate} and is ready. */
    public void awaitRestarted(int i, Duration timeout) throws TimeoutException {
        NodeProcess n = node(i);
        await(n::restartedAndReady, timeout, n.plan().name() + " restarted");
    }

    private void await(BooleanSupplier condition, Duration timeout, String what) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (closed) {
                throw new IllegalStateException("the local cluster was closed while waiting for " + what);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(what + " not reached within " + timeout + "; logs in " + options.dir());
            }
            try {
                Thread.sleep(AWAIT_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** SIGKILL node i (a crash); it is restarted unless restarts are off. */
    public void kill(int i) {
        node(i).kill();
    }

    /** SIGTERM node i (graceful leave); it is restarted unless restarts are off. */
    public void terminate(int i) {
        node(i).terminate();
    }

    /** SIGSTOP node i: frozen like a long GC pause, until {@link #resume}. */
    public void pause(int i) {
        node(i).signal("STOP");
    }

    /** SIGCONT node i. */
    public void resume(int i) {
        node(i).signal("CONT");
    }

    /** Starts node i again if it is not running (with restarts off, after a kill or terminate). */
    public void start(int i) {
        node(i).start();
        changed();
    }

    public int nodes() {
        return nodes.size();
    }

    public int mqttPort(int i) {
        return node(i).plan().mqtt().port();
    }

    public String mqttHost(int i) {
        return node(i).plan().mqtt().host();
    }

    public int adminPort(int i) {
        return node(i).plan().admin().port();
    }

    /** http://host:port of node i's admin API. */
    public String adminUrl(int i) {
        return "http://" + node(i).plan().admin();
    }

    /** Artery host:port of node i. */
    public String remoting(int i) {
        return node(i).plan().remoting().toString();
    }

    /** pid of node i's current JVM, or -1 while it is not running. */
    public long pid(int i) {
        NodeProcess n = node(i);
        return n.alive() ? n.pid() : -1;
    }

    public boolean alive(int i) {
        return node(i).alive();
    }

    public int restarts(int i) {
        return node(i).restarts();
    }

    public Path log(int i) {
        return options.dir().resolve(node(i).plan().name() + ".log");
    }

    public Path dir() {
        return options.dir();
    }

    public Path stateFile() {
        return state.path();
    }

    public int postgresPort() {
        return journal.port();
    }

    /** The journal's JDBC URL (user and password "postgres"), for tests that read it. */
    public String journalUrl() {
        return journal.target().url();
    }

    private NodeProcess node(int i) {
        if (i < 1 || i > nodes.size()) {
            throw new IllegalArgumentException("no node " + i + " (1.." + nodes.size() + ")");
        }
        return nodes.get(i - 1);
    }

    /**
     * SIGTERM to every node, up to 30 s for them to leave, SIGKILL to what is left, then
     * PostgreSQL stops. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        state.write(journal.port(), nodes, false);
        closed = true;
        scheduler.shutdownNow();
        List<Process> running = nodes.stream().map(NodeProcess::stopForGood).filter(p -> p != null).toList();
        if (!waitFor(running, STOP_TIMEOUT)) {
            running.forEach(Process::destroyForcibly);
            waitFor(running, KILL_TIMEOUT);
        }
        try {
            journal.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
    }

    private static boolean waitFor(List<Process> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Process p : processes) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
