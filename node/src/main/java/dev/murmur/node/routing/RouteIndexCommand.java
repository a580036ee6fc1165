package dev.murmur.node.routing;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/** The protocol of {@link RouteIndexReplica}. */
public sealed interface RouteIndexCommand {

    /** Adds routes; {@code replyTo} hears {@link RoutesAdded} once every reachable node has them. */
    record AddRoutes(List<String> filters, int shard, long requestId, ActorRef<RoutesAdded> replyTo)
            implements RouteIndexCommand {
    }

    /** Removes routes (no reply: a stale route only costs a hub a no-op message). */
    record RemoveRoutes(List<String> filters, int shard) implements RouteIndexCommand {
    }

    /** The reply to {@link AddRoutes}; {@code timedOut} when some node did not answer in time. */
    record RoutesAdded(long requestId, boolean timedOut) {
    }

    /** Internal: a replicator write finished. */
    record WriteDone(int keyIndex, long writeId, ORMultiMap<String, Integer> written,
                     Replicator.UpdateResponse<ORMultiMap<String, Integer>> response, List<String> filters,
                     int shard) implements RouteIndexCommand {
    }

    /** Internal: the replicated value of one key changed. */
    record KeyChanged(int keyIndex, ORMultiMap<String, Integer> value) implements RouteIndexCommand {
    }
}
