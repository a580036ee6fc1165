package dev.murmur.load.chaos;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * A cluster that was running before the chaos run, named by its nodes' MQTT addresses, with
 * optional local pids (kill, pause and rolling restart signal them), Artery addresses
 * (partition) and admin addresses (readiness after a restart). Something else — systemd, a
 * launcher — must restart a node that exits; a restarted node's new pid is not known here.
 */
public final class ExistingCluster implements ClusterTarget {
    private static final long POLL_MILLIS = 200;

    private final List<InetSocketAddress> mqtt;
    private final List<Long> pids;
    private final List<InetSocketAddress> remoting;
    private final List<InetSocketAddress> admin;

    /** {@code pids}, {@code remoting} and {@code admin} are empty or have one entry per node. */
    public ExistingCluster(List<InetSocketAddress> mqtt, List<Long> pids, List<InetSocketAddress> remoting,
                           List<InetSocketAddress> admin) {
        if (mqtt.isEmpty()) {
            throw new IllegalArgumentException("--nodes names no node");
        }
        requireSize("--pids", pids, mqtt.size());
        requireSize("--remoting", remoting, mqtt.size());
        requireSize("--admin", admin, mqtt.size());
        this.mqtt = List.copyOf(mqtt);
        this.pids = new ArrayList<>(pids);
        this.remoting = List.copyOf(remoting);
        this.admin = List.copyOf(admin);
    }

    private static void requireSize(String option, List<?> values, int nodes) {
        if (!values.isEmpty() && values.size() != nodes) {
            throw new IllegalArgumentException(option + " needs one entry per node of --nodes (" + nodes + "), got "
                    + values.size());
        }
    }

    @Override
    public int size() {
        return mqtt.size();
    }

    @Override
    public List<InetSocketAddress> mqtt() {
        return mqtt;
    }

    @Override
    public synchronized OptionalLong pid(int node) {
        Long pid = pids.isEmpty() ? null : pids.get(node - 1);
        return pid == null ? OptionalLong.empty() : OptionalLong.of(pid);
    }

    @Override
    public InetSocketAddress remoting(int node) {
        if (remoting.isEmpty()) {
            throw new IllegalStateException("partition on an existing cluster needs --remoting with every node's "
                    + "Artery address (its own 127.0.0.x each)");
        }
        return remoting.get(node - 1);
    }

    /** Waits for the old process to end, then for the node's admin /ready (or its MQTT port). */
    @Override
    public void awaitRestarted(int node, long oldPid, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        boolean gone = false;
        while (System.nanoTime() < deadline) {
            gone = gone || ProcessHandle.of(oldPid).map(h -> !h.isAlive()).orElse(true);
            if (gone && (admin.isEmpty() ? Readiness.accepts(mqtt.get(node - 1))
                    : Readiness.ready(admin.get(node - 1)))) {
                synchronized (this) {
                    if (!pids.isEmpty()) {
                        pids.set(node - 1, null);
                    }
                }
                return;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("node-" + node + " did not come back within " + max.toSeconds() + " s "
                + "(an existing cluster needs a supervisor that restarts it)");
    }

    @Override
    public String describe() {
        return "existing: " + mqtt.size() + " nodes" + (pids.isEmpty() ? "" : ", pids known");
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
