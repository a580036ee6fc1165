package dev.murmur.node.cluster;

import dev.murmur.node.config.ClusterSettings;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Start-up waits here until the node is a member of its cluster: a node that cannot reach any
 * seed must not open MQTT listeners it cannot serve, and its supervisor should hear about it
 * (Main exits 5, naming the seeds) rather than see a node that hangs.
 */
public final class ClusterJoin {
    private static final Duration POLL = Duration.ofMillis(100);

    private ClusterJoin() {
    }

    /** Returns once this node is Up (or WeaklyUp); throws {@link ClusterJoinException} after the join timeout. */
    public static void await(ActorSystem<?> system, ClusterSettings settings) {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + settings.joinTimeout().toNanos();
        while (true) {
            MemberStatus status = cluster.selfMember().status();
            if (status == MemberStatus.up() || status == MemberStatus.weaklyUp()) {
                return;
            }
            if (system.whenTerminated().isCompleted() || System.nanoTime() > deadline) {
                throw new ClusterJoinException("could not join the cluster within " + settings.joinTimeout()
                        + " (murmur.cluster.join-timeout); seed nodes tried: " + String.join(", ", settings.seedNodes()));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterJoinException("interrupted while joining the cluster");
            }
        }
    }

    /** The node did not become a cluster member in time. */
    public static final class ClusterJoinException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public ClusterJoinException(String message) {
            super(message);
        }
    }
}
