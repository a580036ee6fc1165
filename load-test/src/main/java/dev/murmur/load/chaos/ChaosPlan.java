package dev.murmur.load.chaos;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a chaos run does, validated: the fault and its timing, the workload's shape, and the
 * cluster — launched ({@code launcher} set) or existing ({@code nodes} set).
 *
 * @param fault       kill, partition, pause or rolling-restart
 * @param victim      the node (1-based) that is killed, paused or cut off
 * @param faultAt     from the start of traffic (warm-up included) until the fault
 * @param faultFor    how long kill's "during" phase, a pause or a partition lasts
 * @param settle      longest wait after publishing stopped for the fault to end and devices to be back;
 *                    also the longest wait per node of a rolling restart
 * @param pairs       publisher/subscriber pairs
 * @param fanIn       publishers into the one wildcard subscriber
 * @param clusterSize nodes to launch
 * @param launcher    command that starts a local cluster (e.g. {@code ./murmur local-cluster}), or empty
 * @param runDir      the launched cluster's directory (state file, logs, journal)
 * @param upTimeout   longest wait for the launched cluster to come up
 * @param nodes       an existing cluster's MQTT addresses, or empty
 * @param pids        the existing nodes' pids, or empty
 * @param remoting    the existing nodes' Artery addresses, or empty
 * @param admin       the existing nodes' admin addresses, or empty
 * @param keepSessions leave the devices' sessions on the cluster at the end (to inspect them)
 */
public record ChaosPlan(String fault, int victim, Duration faultAt, Duration faultFor, Duration settle, int pairs,
                        int fanIn, int clusterSize, List<String> launcher, Path runDir, Duration upTimeout,
                        List<InetSocketAddress> nodes, List<Long> pids, List<InetSocketAddress> remoting,
                        List<InetSocketAddress> admin, boolean keepSessions) {
    /** The scenarios, in the order the help lists them. */
    public static final List<String> FAULTS = List.of("kill", "partition", "pause", "rolling-restart");
    /** The launcher starts 1..5 nodes; a fault needs at least two. */
    static final int MAX_NODES = 5;

    public ChaosPlan {
        launcher = List.copyOf(launcher);
        nodes = List.copyOf(nodes);
        pids = List.copyOf(pids);
        remoting = List.copyOf(remoting);
        admin = List.copyOf(admin);
        if (!FAULTS.contains(fault)) {
            throw new IllegalArgumentException("--scenario must be one of " + FAULTS + ", not " + fault);
        }
        if (launcher.isEmpty() == nodes.isEmpty()) {
            throw new IllegalArgumentException("either launch a cluster or name one with --nodes");
        }
        int size = nodes.isEmpty() ? clusterSize : nodes.size();
        if (size < 2 || (size > MAX_NODES && nodes.isEmpty())) {
            throw new IllegalArgumentException("chaos needs 2.." + MAX_NODES + " nodes, not " + size);
        }
        if (victim < 1 || victim > size) {
            throw new IllegalArgumentException("--victim must be 1.." + size + ", not " + victim);
        }
        if (faultAt.isNegative() || faultFor.isNegative() || (faultFor.isZero() && !fault.equals("rolling-restart"))) {
            throw new IllegalArgumentException("--fault-at must be >= 0 and --fault-for > 0");
        }
        if (settle.isNegative() || settle.isZero() || upTimeout.isNegative() || upTimeout.isZero()) {
            throw new IllegalArgumentException("--settle and --cluster-timeout must be > 0");
        }
        if (pairs < 0 || fanIn < 0 || pairs + fanIn == 0) {
            throw new IllegalArgumentException("--pairs and --fan-in must not be negative, nor both 0");
        }
        if (!nodes.isEmpty() && !fault.equals("partition") && pids.isEmpty()) {
            throw new IllegalArgumentException(fault + " on an existing cluster (--nodes) needs --pids: the local "
                    + "process id of every node, in the order of --nodes (this tool signals them)");
        }
        if (!nodes.isEmpty() && fault.equals("partition") && remoting.isEmpty()) {
            throw new IllegalArgumentException("partition on an existing cluster (--nodes) needs --remoting: every "
                    + "node's Artery address, each on its own 127.0.0.x");
        }
    }

    public boolean launches() {
        return !launcher.isEmpty();
    }

    /** Nodes in the cluster. */
    public int size() {
        return launches() ? clusterSize : nodes.size();
    }

    /** Traffic (warm-up + duration) must outlast the fault, so that an "after" phase exists. */
    public void checkFits(Duration traffic) {
        Duration end = fault.equals("rolling-restart") ? faultAt : faultAt.plus(faultFor);
        if (end.compareTo(traffic) >= 0) {
            throw new IllegalArgumentException("the fault (--fault-at " + faultAt.toSeconds() + " s"
                    + (fault.equals("rolling-restart") ? "" : " + --fault-for " + faultFor.toSeconds() + " s")
                    + ") must end before traffic does (--warmup + --duration = " + traffic.toSeconds() + " s)");
        }
    }
}
