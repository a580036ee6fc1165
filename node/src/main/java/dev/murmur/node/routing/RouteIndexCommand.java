package dev.murmur.node.routing;

import dev.murmur.persistence.serialization.MurmurSerializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/** The protocol of {@link RouteIndexReplica}. */
public sealed interface RouteIndexCommand {

    /** Adds routes; {@code replyTo} hears {@link RoutesAdded} once every reachable node has them. */
    record AddRoutes(List<String> filters, int shard, long requestId, ActorRef<RoutesAdded> replyTo)
            implements RouteIndexCommand, MurmurSerializable {
    }

    /** Removes routes (no reply: a stale route only costs a hub a no-op message). */
    record RemoveRoutes(List<String> filters, int shard) implements RouteIndexCommand, MurmurSerializable {
    }

    /**
     * Admin API: routes whose filter starts with {@code filterPrefix} (null: any) or, when
     * {@code topic} is set, matches that topic; at most {@code limit} (operations issue).
     */
    record ListRoutes(String filterPrefix, String topic, int limit, ActorRef<RouteList> replyTo)
            implements RouteIndexCommand, MurmurSerializable {
    }

    /** The answer to {@link ListRoutes}: filter to the shards that subscribe to it, and how many match in all. */
    record RouteList(Map<String, Set<Integer>> routes, int total) implements MurmurSerializable {
    }

    /** The reply to {@link AddRoutes}; {@code timedOut} when some node did not answer in time. */
    record RoutesAdded(long requestId, boolean timedOut) implements MurmurSerializable {
    }

    /**
     * Start-up (issue 10): once this node is Up, read every key from a majority of the nodes into
     * this node's replicator and view, then answer {@link Loaded}. Until then a node that joined
     * or restarted knows only the routes gossip already brought, and would route publishes (and
     * wills of sessions woken on it) without the older ones.
     */
    record LoadAll(ActorRef<Loaded> replyTo) implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** The answer to {@link LoadAll}: keys read, of which {@code failed} found no majority in time. */
    record Loaded(int keys, int failed, int routes) implements NoSerializationVerificationNeeded {
    }

    /** Internal: this node is Up, so the replicator knows the other members (for {@link LoadAll}). */
    record SelfIsUp() implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal: a {@link LoadAll} read of one key came back (through a child, apart from local reads). */
    record KeyLoaded(Replicator.GetResponse<ORMultiMap<String, Integer>> response)
            implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal: one route added or removed, part of the write {@code writeId} (an AddRoutes or RemoveRoutes). */
    record RouteChange(String filter, int shard, boolean add, long writeId) {
    }

    /** Internal: a replicator write of one key, carrying every change queued for that key, finished. */
    record WriteDone(int keyIndex, ORMultiMap<String, Integer> written,
                     Replicator.UpdateResponse<ORMultiMap<String, Integer>> response, List<RouteChange> changes)
            implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /**
     * To another node's replica, after a write of {@code keys} was acknowledged by every reachable
     * node: read them from your (already updated) replicator into your view, then answer
     * {@link KeysSynced}. Replicator notifications alone reach the view only at the next
     * {@code notify-subscribers-interval}, too late for "subscribe means subscribed" (issue 10).
     */
    record SyncKeys(List<Integer> keys, long syncId, ActorRef<RouteIndexCommand> replyTo)
            implements RouteIndexCommand, MurmurSerializable {
    }

    /** The answer to {@link SyncKeys}: that node's view has the write. */
    record KeysSynced(long syncId) implements RouteIndexCommand, MurmurSerializable {
    }

    /** Internal: a local read for a {@link SyncKeys} came back. */
    record LocalRead(int keyIndex, Replicator.GetResponse<ORMultiMap<String, Integer>> response, long readId)
            implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal: the other nodes' replicas, as the receptionist lists them. */
    record Peers(java.util.Set<ActorRef<RouteIndexCommand>> replicas) implements RouteIndexCommand {
    }

    /** Internal (scheduled to itself, never crosses nodes): peers that did not answer a sync in time. */
    record SyncTimedOut(long writeId) implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal: one key's value read from the local replicator on the resync timer (null: not written yet). */
    record KeyChanged(int keyIndex, ORMultiMap<String, Integer> value)
            implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /**
     * To another node's replica, after a write of {@code filters} was acknowledged by every
     * reachable node: refresh just these filters in your view from your (already updated)
     * replicator, then answer {@link KeysSynced} unless {@code syncId} is negative (removes ask
     * for no answer). Replaces {@link SyncKeys}, whose handling costs O(key size) per write.
     */
    record SyncRoutes(List<String> filters, long syncId, ActorRef<RouteIndexCommand> replyTo)
            implements RouteIndexCommand, MurmurSerializable {
    }

    /** Internal: a local read for a {@link SyncRoutes} came back with the value of one key. */
    record RoutesRead(int keyIndex, List<String> filters, Replicator.GetResponse<ORMultiMap<String, Integer>> response,
                      long readId) implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal (timer): diff the keys that changed since the last tick into the view. */
    record ResyncTick() implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal: the local replicator answered a read of one key. */
    record KeyRead(Replicator.GetResponse<ORMultiMap<String, Integer>> response)
            implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }

    /** Internal: the local replicator answered the write in flight of one key. */
    record KeyWritten(Replicator.UpdateResponse<ORMultiMap<String, Integer>> response)
            implements RouteIndexCommand, NoSerializationVerificationNeeded {
    }
}
