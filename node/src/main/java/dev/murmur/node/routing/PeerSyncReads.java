package dev.murmur.node.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * The peer side of "subscribe means subscribed" (issue 10), run inside {@link RouteIndexReplica}:
 * another node's write is in this node's replicator (its WriteAll was acknowledged), so read the
 * written keys locally, bring the view in line and answer {@link RouteIndexCommand.KeysSynced}.
 * A {@link RouteIndexCommand.SyncRoutes} refreshes only the filters it names: O(filters),
 * whatever the size of the keys (a local read is a message to the replicator, not a copy).
 */
final class PeerSyncReads {

    /** Reads one key from the local replicator and turns the answer into a message for the replica. */
    interface LocalReader {
        void read(int keyIndex,
                  Function<Replicator.GetResponse<ORMultiMap<String, Integer>>, RouteIndexCommand> then);
    }

    /** A sync being read for: whom to answer (syncId < 0: nobody) once {@code left} reads are back. */
    private record SyncRead(long syncId, ActorRef<RouteIndexCommand> replyTo, int[] left) {
    }

    private final LocalRouteView view;
    private final LocalReader reader;
    private final Map<Long, SyncRead> reads = new HashMap<>();
    private long nextReadId;

    PeerSyncReads(LocalRouteView view, LocalReader reader) {
        this.view = view;
        this.reader = reader;
    }

    void onSyncRoutes(RouteIndexCommand.SyncRoutes sync) {
        Map<Integer, List<String>> byKey = new HashMap<>();
        for (String f : sync.filters()) {
            byKey.computeIfAbsent(view.keyOf(f), k -> new ArrayList<>()).add(f);
        }
        long readId = nextReadId++;
        reads.put(readId, new SyncRead(sync.syncId(), sync.replyTo(), new int[] {byKey.size()}));
        byKey.forEach((keyIndex, filters) ->
                reader.read(keyIndex, rsp -> new RouteIndexCommand.RoutesRead(keyIndex, filters, rsp, readId)));
        if (byKey.isEmpty()) {
            readDone(readId);
        }
    }

    void onRoutesRead(RouteIndexCommand.RoutesRead read) {
        if (read.response() instanceof Replicator.GetSuccess<ORMultiMap<String, Integer>> ok) {
            view.refreshFilters(read.keyIndex(), ok.dataValue(), read.filters());
        }
        readDone(read.readId());
    }

    /** Older peers' sync (by key, not filter): reads and diffs whole keys, O(key size). */
    void onSyncKeys(RouteIndexCommand.SyncKeys sync) {
        long readId = nextReadId++;
        reads.put(readId, new SyncRead(sync.syncId(), sync.replyTo(), new int[] {sync.keys().size()}));
        for (int keyIndex : sync.keys()) {
            reader.read(keyIndex, rsp -> new RouteIndexCommand.LocalRead(keyIndex, rsp, readId));
        }
    }

    void onLocalRead(RouteIndexCommand.LocalRead read) {
        if (read.response() instanceof Replicator.GetSuccess<ORMultiMap<String, Integer>> ok) {
            view.keyChanged(read.keyIndex(), ok.dataValue());
        }
        readDone(read.readId());
    }

    private void readDone(long readId) {
        SyncRead r = reads.get(readId);
        if (r != null && --r.left()[0] <= 0) {
            reads.remove(readId);
            if (r.syncId() >= 0) {
                r.replyTo().tell(new RouteIndexCommand.KeysSynced(r.syncId()));
            }
        }
    }
}
