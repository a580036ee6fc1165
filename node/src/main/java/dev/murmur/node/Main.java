package dev.murmur.node;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.murmur.node.auth.PasswdCommand;
import dev.murmur.node.cluster.ClusterJoin;
import dev.murmur.node.cluster.LocalClusterCommand;
import dev.murmur.node.config.InvalidSettingException;
import dev.murmur.node.ctl.ClusterCommand;
import dev.murmur.node.ctl.CtlCommand;
import java.io.File;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.CoordinatedShutdown;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** The `murmur` command: starts one node from a HOCON file. */
@Command(name = "murmur", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Starts a Murmur MQTT broker node.", subcommands = {PasswdCommand.class, CtlCommand.class, LocalClusterCommand.class,
            ClusterCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit code for a configuration that cannot be used. */
    static final int EXIT_CONFIG = 2;
    /** Exit code for a node that could not start (e.g. a port in use). */
    static final int EXIT_START = 3;
    /** Exit code for a node the cluster downed or removed (split-brain resolver, operator). */
    static final int EXIT_DOWNED = 4;
    /** Exit code for a node that could not join its seed nodes within murmur.cluster.join-timeout. */
    static final int EXIT_JOIN = 5;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:MURMUR_CONFIG:-config/murmur.conf}",
            description = "Node configuration (HOCON) over the built-in defaults. Default: ${DEFAULT-VALUE}")
    File config;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() {
        if (!config.isFile()) {
            System.err.println("murmur: configuration file not found: " + config);
            return EXIT_CONFIG;
        }
        MurmurNode node;
        try {
            node = MurmurNode.start(ConfigFactory.parseFile(config, ConfigParseOptions.defaults().setAllowMissing(false)));
        } catch (ClusterJoin.ClusterJoinException e) {
            System.err.println("murmur: " + e.getMessage());
            return EXIT_JOIN;
        } catch (InvalidSettingException | ConfigException e) {
            System.err.println("murmur: invalid configuration in " + config + ": " + e.getMessage());
            return EXIT_CONFIG;
        } catch (IllegalStateException e) {
            System.err.println("murmur: cannot start: " + e.getMessage());
            return EXIT_START;
        }
        // SIGTERM / Ctrl-C run the graceful shutdown; the process then exits 0.
        Signal.handle(new Signal("TERM"), sig -> startShutdown(node));
        Signal.handle(new Signal("INT"), sig -> startShutdown(node));
        // SIGHUP re-reads TLS material, password and ACL files (they are also polled for changes).
        Signal.handle(new Signal("HUP"), sig -> node.reload());
        watchParent(node);
        node.system().getWhenTerminated().toCompletableFuture().join();
        return exitCode(CoordinatedShutdown.get(node.system()).getShutdownReason());
    }

    /** 0 for a stop we asked for; 4 when the cluster downed this node, so a supervisor sees why. */
    static int exitCode(Optional<CoordinatedShutdown.Reason> reason) {
        if (reason.isPresent() && reason.get().equals(CoordinatedShutdown.clusterDowningReason())) {
            System.err.println("murmur: this node was downed by the cluster (split-brain resolver or operator); "
                    + "exiting " + EXIT_DOWNED);
            return EXIT_DOWNED;
        }
        if (reason.isPresent() && reason.get().equals(CoordinatedShutdown.clusterJoinUnsuccessfulReason())) {
            // pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes, when an operator sets it
            System.err.println("murmur: could not join the cluster's seed nodes; exiting " + EXIT_JOIN);
            return EXIT_JOIN;
        }
        return 0;
    }

    /**
     * A node started by `murmur local-cluster` stops gracefully when the launcher dies without
     * stopping it (killed with -9), so no orphaned node keeps its ports.
     */
    private static void watchParent(MurmurNode node) {
        String parent = System.getProperty("murmur.parent-pid");
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
                    h -> h.onExit().thenRun(() -> startShutdown(node)), () -> startShutdown(node));
        }
    }

    private static void startShutdown(MurmurNode node) {
        CoordinatedShutdown.get(node.system()).run(CoordinatedShutdown.jvmExitReason());
    }

    /** Reports the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"murmur " + MurmurNode.version()};
        }
    }
}
