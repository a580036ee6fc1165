package dev.murmur.load.chaos;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * The cluster a chaos run works on: one it launched itself ({@link LaunchedCluster}) or one that
 * was already running ({@link ExistingCluster}). Nodes are numbered from 1.
 */
public interface ClusterTarget extends AutoCloseable {
    /** Number of nodes. */
    int size();

    /** The MQTT listener of every node, node 1 first. */
    List<InetSocketAddress> mqtt();

    /** The node's current process id, when known (a restarted node gets a new one). */
    OptionalLong pid(int node);

    /** The node's Artery (cluster remoting) address, when known. */
    InetSocketAddress remoting(int node);

    /**
     * After node {@code node} (pid {@code oldPid}) was told to stop: waits until it runs again and
     * is ready, at most {@code max}; throws {@link IllegalStateException} when it does not.
     */
    void awaitRestarted(int node, long oldPid, Duration max) throws InterruptedException;

    /** One line for the report: how the cluster was obtained. */
    String describe();

    /** Restarts seen so far per node (launched clusters), for the report; empty when unknown. */
    default List<Integer> restarts() {
        return List.of();
    }

    /** Stops what this run started (nothing for an existing cluster). */
    @Override
    void close();
}
