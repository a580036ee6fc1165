package dev.murmur.node.routing;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.RouteIndexCommand.RoutesAdded;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The writer side of "subscribe means subscribed" (issue 10), run inside {@link RouteIndexReplica}:
 * an {@link RouteIndexCommand.AddRoutes} is answered once each of its per-key writes is done and
 * every reachable peer synced the written filters into its view ({@link PeerSyncReads}), or
 * when {@code routing.write-timeout} passed (counted).
 */
final class PendingSubscribes {

    /** Replies owed for one AddRoutes: sent when all of its per-key writes are done, and every peer synced. */
    private static final class PendingAdd {
        final ActorRef<RoutesAdded> replyTo;
        final long requestId;
        final List<String> filters;
        int writesLeft;
        int peersLeft;
        boolean timedOut;

        PendingAdd(ActorRef<RoutesAdded> replyTo, long requestId, int writes, List<String> filters) {
            this.replyTo = replyTo;
            this.requestId = requestId;
            this.filters = filters;
            this.writesLeft = writes;
        }
    }

    private final ActorContext<RouteIndexCommand> ctx;
    private final BrokerMetrics metrics;
    private final Duration timeout;
    private final Map<Long, PendingAdd> pending = new HashMap<>();
    /** The other nodes' replicas (receptionist). */
    private Set<ActorRef<RouteIndexCommand>> peers = Set.of();

    PendingSubscribes(ActorContext<RouteIndexCommand> ctx, BrokerMetrics metrics, Duration timeout) {
        this.ctx = ctx;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    /** An AddRoutes went out as {@code writes} per-key writes under {@code writeId}. */
    void started(long writeId, ActorRef<RoutesAdded> replyTo, long requestId, int writes, List<String> filters) {
        pending.put(writeId, new PendingAdd(replyTo, requestId, writes, filters));
    }

    /** One per-key write of {@code writeId} finished; the last one starts the peers' sync. */
    void writeDone(long writeId, boolean timedOut) {
        PendingAdd p = pending.get(writeId);
        if (p == null) {
            return;
        }
        p.timedOut |= timedOut;
        if (--p.writesLeft == 0) {
            p.peersLeft = tellReachablePeers(new RouteIndexCommand.SyncRoutes(p.filters, writeId, ctx.getSelf()));
            if (p.peersLeft == 0) {
                pending.remove(writeId);
                p.replyTo.tell(new RoutesAdded(p.requestId, p.timedOut));
            } else {
                ctx.scheduleOnce(timeout, ctx.getSelf(), new RouteIndexCommand.SyncTimedOut(writeId));
            }
        }
    }

    /** A peer's view has the write. */
    void synced(RouteIndexCommand.KeysSynced synced) {
        PendingAdd p = pending.get(synced.syncId());
        if (p != null && --p.peersLeft == 0) {
            pending.remove(synced.syncId());
            p.replyTo.tell(new RoutesAdded(p.requestId, p.timedOut));
        }
    }

    /** Not every peer answered in time: the subscriber hears back anyway, and it is counted. */
    void syncTimedOut(RouteIndexCommand.SyncTimedOut t) {
        PendingAdd p = pending.remove(t.writeId());
        if (p != null) {
            metrics.increment(Counter.ROUTE_WRITE_TIMEOUTS);
            ctx.getLog().warn("event=route_sync_incomplete peers_missing={}", p.peersLeft);
            p.replyTo.tell(new RoutesAdded(p.requestId, true));
        }
    }

    void peers(RouteIndexCommand.Peers listing) {
        Set<ActorRef<RouteIndexCommand>> others = new HashSet<>(listing.replicas());
        others.remove(ctx.getSelf());
        peers = Set.copyOf(others);
    }

    /** Sends {@code sync} to every reachable peer; returns how many. */
    int tellReachablePeers(RouteIndexCommand sync) {
        Set<Address> unreachable = new HashSet<>();
        Cluster.get(ctx.getSystem()).state().getUnreachable().forEach(m -> unreachable.add(m.address()));
        int told = 0;
        for (ActorRef<RouteIndexCommand> peer : peers) {
            if (!unreachable.contains(peer.path().address())) {
                peer.tell(sync);
                told++;
            }
        }
        return told;
    }
}
