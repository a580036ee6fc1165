package dev.murmur.node.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code murmur cluster status|leave}: the cluster through any node's admin API. The node is
 * --url, the admin listener of a node config (--config), node N of a running local cluster
 * (--node), MURMUR_ADMIN_URL, or else the first node of the local cluster that answers.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Cluster status (members, reachability, shards and sessions per node) and graceful leave.",
        subcommands = {ClusterCommand.Status.class, ClusterCommand.Leave.class})
public final class ClusterCommand implements Callable<Integer> {
    private static final String DEFAULT_URL = "http://127.0.0.1:8080";

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL", description = "Admin API of a node.")
    String url;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A node's config file: its admin listener is used (e.g. config/cluster/node-2.conf).")
    File config;

    @Option(names = "--node", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Node N of the local cluster (see --dir).")
    Integer node;

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "DIR", defaultValue = "data/local-cluster",
            description = "Directory of a running `murmur local-cluster`. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Mixin
    AdminAccess access;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Whether the caller named one node (a leave must not pick one by itself). */
    boolean nodeNamed() {
        return url != null || config != null || node != null;
    }

    /** Admin URLs to try, in order. */
    List<String> candidates() {
        if (url != null) {
            return List.of(url);
        }
        if (config != null) {
            return List.of(adminUrlOf(config));
        }
        Properties state = localClusterState();
        if (node != null) {
            String admin = state.getProperty("node." + node + ".admin");
            if (admin == null) {
                throw new CtlException(CtlException.FAILED, "no node " + node + " in " + dir.resolve("cluster.properties"));
            }
            return List.of("http://" + admin);
        }
        List<String> all = new ArrayList<>();
        String env = System.getenv("MURMUR_ADMIN_URL");
        if (env != null && !env.isBlank()) {
            all.add(env);
        }
        int nodes = Integer.parseInt(state.getProperty("nodes", "0"));
        for (int i = 1; i <= nodes; i++) {
            all.add("http://" + state.getProperty("node." + i + ".admin"));
        }
        all.add(DEFAULT_URL);
        return all;
    }

    private Properties localClusterState() {
        Properties p = new Properties();
        Path file = dir.resolve("cluster.properties");
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new CtlException(CtlException.FAILED, "cannot read " + file + ": " + e.getMessage());
            }
        }
        return p;
    }

    /** http(s)://host:port of the admin listener a node config describes. */
    static String adminUrlOf(File file) {
        if (!file.isFile()) {
            throw new CtlException(CtlException.FAILED, "configuration file not found: " + file);
        }
        Config c = ConfigFactory.parseFile(file).withFallback(ConfigFactory.defaultReference()).resolve()
                .getConfig("murmur.admin");
        String host = c.getString("host");
        return (c.getBoolean("tls.enabled") ? "https://" : "http://")
                + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + c.getInt("port");
    }

    /** Runs against the first candidate node that answers; prints a table or JSON. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        ClusterCommand cluster;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                JsonNode result = null;
                CtlException unreachable = null;
                for (String candidate : candidates()) {
                    try {
                        result = run(cluster.access.client(candidate));
                        break;
                    } catch (CtlException e) {
                        if (e.exitCode() != CtlException.UNREACHABLE) {
                            throw e;
                        }
                        unreachable = e;
                    }
                }
                if (result == null) {
                    throw unreachable;
                }
                if (cluster.access.json) {
                    out.println(CtlCommand.Sub.pretty(result));
                } else {
                    print(result, out);
                }
                out.flush();
                return 0;
            } catch (CtlException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("murmur cluster " + spec.name() + ": " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
        }

        List<String> candidates() {
            return cluster.candidates();
        }

        abstract JsonNode run(AdminClient api);

        abstract void print(JsonNode result, PrintWriter out);
    }

    @Command(name = "status", description = "Members, their status and reachability, shards and sessions per node.")
    static final class Status extends Sub {
        @Override
        JsonNode run(AdminClient api) {
            return api.get("/api/v1/cluster");
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            out.println(r.path("size").asInt() + " member(s), " + r.path("unreachable").asInt() + " unreachable, leader "
                    + CtlCommand.Sub.text(r.get("leader")) + " (as seen from " + r.path("self").asText() + ")");
            Table t = new Table("NODE", "STATUS", "REACHABLE", "LEADER", "SHARDS", "SESSIONS", "CONNECTIONS");
            for (JsonNode m : r.path("members")) {
                t.row(m.path("node").asText() + (m.path("self").asBoolean() ? " (self)" : ""), m.path("status").asText(),
                        m.path("reachable").asBoolean() ? "yes" : "NO", m.path("leader").asBoolean() ? "*" : "",
                        m.path("shards").asInt(), CtlCommand.Sub.text(m.get("sessions")),
                        CtlCommand.Sub.text(m.get("connections")));
            }
            t.print(out);
        }
    }

    @Command(name = "leave", description = "The named node leaves the cluster gracefully (shards hand off, clients "
            + "are told to reconnect elsewhere) and exits 0.")
    static final class Leave extends Sub {
        @Override
        List<String> candidates() {
            if (!cluster.nodeNamed()) {
                throw new CtlException(CtlException.FAILED, "say which node leaves: --node N, --config FILE or --url URL");
            }
            return cluster.candidates();
        }

        @Override
        JsonNode run(AdminClient api) {
            return api.post("/api/v1/cluster/leave", "{}");
        }

        @Override
        void print(JsonNode r, PrintWriter out) {
            out.println("node " + r.path("node").asText() + " is leaving the cluster");
        }
    }
}
