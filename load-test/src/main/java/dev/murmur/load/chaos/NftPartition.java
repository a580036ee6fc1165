package dev.murmur.load.chaos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Cuts one node's cluster traffic off from the others with nftables rules on the loopback
 * interface, in a table of its own ({@code inet murmur_chaos_<run>}) that is deleted as a whole
 * when the partition heals — and by a JVM shutdown hook when the run dies first. Needs each
 * node's Artery bound to its own loopback address ({@code --loopback-per-node}); MQTT and admin
 * traffic on 127.0.0.1 and the journal are not touched, and nothing ever leaves loopback.
 *
 * <p>Rules: inbound to the cut node's Artery port from any other address is dropped, and so is
 * anything the cut node's address sends to the others' Artery addresses (outbound connections
 * leave from the node's own address when Artery's outbound-client-hostname is set; otherwise the
 * first rule alone still makes every heartbeat go unanswered both ways).
 */
public final class NftPartition {
    private final Commands commands;
    private final String table;
    private final InetSocketAddress cut;
    private final List<InetSocketAddress> others;
    private Thread hook;
    private boolean applied;

    public NftPartition(Commands commands, String runId, InetSocketAddress cut, List<InetSocketAddress> others) {
        if (!runId.matches("[A-Za-z0-9_]{1,32}")) {
            throw new IllegalArgumentException("run id must be 1..32 letters, digits or _: " + runId);
        }
        if (others.isEmpty()) {
            throw new IllegalArgumentException("a partition needs at least one other node");
        }
        for (InetSocketAddress o : others) {
            if (o.getAddress() == null || o.getAddress().equals(cut.getAddress())) {
                throw new IllegalArgumentException("partition needs every node's Artery on its own loopback address "
                        + "(start the cluster with --loopback-per-node); " + cut + " and " + o + " share one");
            }
        }
        this.commands = commands;
        this.table = "murmur_chaos_" + runId;
        this.cut = cut;
        this.others = List.copyOf(others);
    }

    /** The table's name (family inet). */
    public String table() {
        return table;
    }

    /**
     * Why partitions cannot run here (not root, no nft, or nft cannot create a table), or null
     * when they can.
     */
    public static String unavailable(Commands commands) throws InterruptedException {
        try {
            Commands.Result id = commands.run(List.of("id", "-u"), null);
            if (!id.ok() || !id.output().trim().equals("0")) {
                return "partition needs root (nftables rules on lo); run as root or use kill, pause or "
                        + "rolling-restart";
            }
            Commands.Result nft = commands.run(List.of("nft", "--version"), null);
            if (!nft.ok()) {
                return "partition needs the nft command (Debian: apt-get install nftables): " + nft.output();
            }
            Commands.Result list = commands.run(List.of("nft", "list", "tables"), null);
            if (!list.ok()) {
                return "nft cannot list tables here (no CAP_NET_ADMIN in this container?): " + list.output();
            }
            return null;
        } catch (IOException e) {
            return "cannot run id/nft: " + e.getMessage();
        }
    }

    /** The nft script that creates the table with the drop rules. */
    public String script() {
        String host = cut.getAddress().getHostAddress();
        String set = others.stream().map(o -> o.getAddress().getHostAddress()).distinct()
                .collect(Collectors.joining(", "));
        List<String> lines = new ArrayList<>();
        lines.add("table inet " + table + " {");
        lines.add("  chain input {");
        // Before the usual filter priority (0), so an accept elsewhere cannot win.
        lines.add("    type filter hook input priority -10; policy accept;");
        lines.add("    iifname \"lo\" ip daddr " + host + " tcp dport " + cut.getPort() + " ip saddr != " + host
                + " drop");
        lines.add("    iifname \"lo\" ip saddr " + host + " ip daddr { " + set + " } drop");
        lines.add("  }");
        lines.add("}");
        return String.join("\n", lines) + "\n";
    }

    /** Installs the rules (and the shutdown hook that removes them). */
    public synchronized void apply() throws IOException, InterruptedException {
        if (applied) {
            return;
        }
        hook = new Thread(this::removeQuietly, "murmur-chaos-nft-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Commands.Result r = commands.run(List.of("nft", "-f", "-"), script());
        if (!r.ok()) {
            dropHook();
            throw new IllegalStateException("nft refused the partition rules: " + r.output());
        }
        applied = true;
    }

    /** Deletes the table; safe to call more than once and when nothing was applied. */
    public synchronized void remove() throws IOException, InterruptedException {
        if (!applied) {
            dropHook();
            return;
        }
        Commands.Result r = commands.run(List.of("nft", "delete", "table", "inet", table), null);
        if (!r.ok() && !r.output().contains("No such file")) {
            throw new IllegalStateException("could not delete nft table inet " + table + ": " + r.output()
                    + " — remove it by hand: nft delete table inet " + table);
        }
        applied = false;
        dropHook();
    }

    public synchronized boolean applied() {
        return applied;
    }

    private void removeQuietly() {
        try {
            synchronized (this) {
                if (applied) {
                    commands.run(List.of("nft", "delete", "table", "inet", table), null);
                    applied = false;
                }
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("murmur-load: could not remove nft table inet " + table + "; run: nft delete table inet "
                    + table);
        }
    }

    private void dropHook() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs anyway and finds nothing to remove
            }
            hook = null;
        }
    }
}
