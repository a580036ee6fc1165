package dev.murmur.node.routing;

import dev.murmur.protocol.topic.TopicTrie;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.ORSet;
import org.apache.pekko.cluster.ddata.VersionVector;
import scala.Option;
import scala.Tuple2;
import scala.collection.Iterator;

/**
 * This node's mirror of the replicated route index: the newest replicated value of every key,
 * plus this node's own writes that are not acknowledged yet (applied at once, so a local
 * publisher sees a new route before the SUBACK). Written only by {@link RouteIndexReplica};
 * {@link #match} is safe from any thread because the trie is.
 *
 * <p>Nothing here costs O(filters per key) per write: a finished local write or a peer's
 * {@link #refreshFilters sync} refreshes only the filters it names, and choosing the newer of two
 * values compares version vectors instead of merging. Only {@link #resync} diffs a whole key
 * (entry by entry against the value last diffed); the owner calls it on a timer for keys that
 * changed, to pick up what no sync named (a timed-out write, gossip after a partition).
 */
final class LocalRouteView implements RouteIndex {
    private final TopicTrie<Integer> trie = new TopicTrie<>();
    /** What the trie holds, by filter, so changes can be applied as diffs. */
    private final Map<String, Set<Integer>> inTrie = new HashMap<>();
    /** Per key, the newest replicated value known (what {@link #refresh} reads). */
    private final ORMultiMap<String, Integer>[] replicated;
    /** Per key, the value the last replicated change was diffed against. */
    private final ORMultiMap<String, Integer>[] applied;
    /**
     * Per key, filters refreshed one by one since the key's last {@link #resync}: the diff
     * against {@link #applied} cannot see that the trie moved ahead for them, so the resync
     * refreshes them too (a remote remove learnt only by gossip must still take them out).
     */
    private final Set<String>[] touched;
    /** filter -> shard -> pending local write; a later write on the same pair replaces it. */
    private final Map<String, Map<Integer, PendingWrite>> pending = new HashMap<>();

    /** A local add or remove not yet reflected in the replicated value we hold. */
    private static final class PendingWrite {
        boolean present;
        int outstanding;
    }

    @SuppressWarnings("unchecked")
    LocalRouteView(int keys) {
        replicated = new ORMultiMap[keys];
        applied = new ORMultiMap[keys];
        touched = new Set[keys];
        for (int i = 0; i < keys; i++) {
            touched[i] = new HashSet<>();
            replicated[i] = ORMultiMap.emptyWithValueDeltas();
            applied[i] = replicated[i];
        }
    }

    @Override
    public void match(String topic, ShardSet out) {
        trie.match(topic, out::add);
    }

    @Override
    public int size() {
        return trie.size();
    }

    /** Records a local write before it is replicated and applies it to the trie at once. */
    void writeStarted(String filter, int shard, boolean present) {
        PendingWrite w = pending.computeIfAbsent(filter, f -> new HashMap<>()).computeIfAbsent(shard, s -> new PendingWrite());
        w.present = present;
        w.outstanding++;
        int key = keyOf(filter);
        touched[key].add(filter);
        refresh(filter, key);
    }

    /**
     * A local write finished; {@code value} is the key's value right after it. Only the written
     * filters are refreshed here: anything else new in {@code value} is picked up by the key's
     * next {@link #resync}, diffed against {@link #applied}.
     */
    void writeFinished(int key, Iterable<String> filters, int shard, ORMultiMap<String, Integer> value) {
        if (value != null) {
            offer(key, value);
        }
        for (String filter : filters) {
            Map<Integer, PendingWrite> byShard = pending.get(filter);
            PendingWrite w = byShard == null ? null : byShard.get(shard);
            if (w != null && --w.outstanding == 0) {
                byShard.remove(shard);
                if (byShard.isEmpty()) {
                    pending.remove(filter);
                }
            }
            touched[key].add(filter);
            refresh(filter, key);
        }
    }

    /** The replicated value of a key changed: takes it if newer and diffs the whole key at once. */
    void keyChanged(int key, ORMultiMap<String, Integer> value) {
        offer(key, value);
        resync(key);
    }

    /**
     * Brings only {@code filters} of one key in line with {@code value} (this node's replicator
     * value, read after a peer's write of those filters was acknowledged here), or with a newer
     * value already held. O(filters), whatever the key's size.
     */
    void refreshFilters(int key, ORMultiMap<String, Integer> value, Iterable<String> filters) {
        offer(key, value);
        for (String filter : filters) {
            touched[key].add(filter);
            refresh(filter, key);
        }
    }

    /**
     * Keeps {@code value} as the key's replicated value if it is newer than the one held. Values
     * reach the owner from its replicator in no fixed order (change notifications, local reads,
     * the value a write produced), but they are all states of one replicator, each one including
     * the ones before: every ORMultiMap change advances the version vector of its key set, so
     * comparing version vectors (O(nodes)) tells which is newer without an O(key size) merge.
     */
    boolean offer(int key, ORMultiMap<String, Integer> value) {
        ORMultiMap<String, Integer> held = replicated[key];
        if (held == value) {
            return false;
        }
        VersionVector had = held.underlying().keys().vvector();
        VersionVector got = value.underlying().keys().vvector();
        if (got.$greater(had)) {
            replicated[key] = value;
            return true;
        }
        if (got.$less(had) || got.$eq$eq(had)) {
            return false;
        }
        // Concurrent: not two states of one replicator (e.g. after pruning a removed node); merge.
        replicated[key] = held.merge(value);
        return true;
    }

    /** Diffs one key's newest value against the value last diffed, refreshing what changed. */
    void resync(int key) {
        ORMultiMap<String, Integer> before = applied[key];
        ORMultiMap<String, Integer> now = replicated[key];
        if (before != now) {
            applied[key] = now;
            refreshChanged(key, before, now);
        }
        if (!touched[key].isEmpty()) {
            Set<String> filters = touched[key];
            touched[key] = new HashSet<>();
            for (String filter : filters) {
                refresh(filter, key);
            }
        }
    }

    /** Whether {@link #resync} of this key has anything to do. */
    boolean needsResync(int key) {
        return applied[key] != replicated[key] || !touched[key].isEmpty();
    }

    int keyCount() {
        return replicated.length;
    }

    /** Every route this node knows; for the owning actor only (the admin API asks it). */
    void forEachRoute(java.util.function.BiConsumer<String, Set<Integer>> sink) {
        inTrie.forEach(sink);
    }

    int keyOf(String filter) {
        return Math.floorMod(filter.hashCode(), replicated.length);
    }

    private void refreshChanged(int key, ORMultiMap<String, Integer> before, ORMultiMap<String, Integer> after) {
        scala.collection.immutable.Map<String, ORSet<Integer>> was = entries(before);
        scala.collection.immutable.Map<String, ORSet<Integer>> now = entries(after);
        for (Iterator<Tuple2<String, ORSet<Integer>>> it = now.iterator(); it.hasNext(); ) {
            Tuple2<String, ORSet<Integer>> e = it.next();
            Option<ORSet<Integer>> old = was.get(e._1());
            if (old.isEmpty() || (old.get() != e._2() && !old.get().elements().equals(e._2().elements()))) {
                refresh(e._1(), key);
            }
        }
        for (Iterator<String> it = was.keysIterator(); it.hasNext(); ) {
            String filter = it.next();
            if (!now.contains(filter)) {
                refresh(filter, key);
            }
        }
    }

    /**
     * The ORSet per filter, without copying: {@code underlying} is Pekko-internal in Scala but
     * public in bytecode, and the public views ({@code entries}, {@code getEntries}) rebuild the
     * whole map on every call.
     */
    private static scala.collection.immutable.Map<String, ORSet<Integer>> entries(ORMultiMap<String, Integer> value) {
        return value.underlying().entries();
    }

    private Set<Integer> replicatedShards(int key, String filter) {
        Option<ORSet<Integer>> set = entries(replicated[key]).get(filter);
        Set<Integer> shards = new HashSet<>();
        if (set.isDefined()) {
            for (Iterator<Integer> it = set.get().elements().iterator(); it.hasNext(); ) {
                shards.add(it.next());
            }
        }
        return shards;
    }

    /** Brings the trie in line with replicated value + pending writes for one filter. */
    private void refresh(String filter, int key) {
        Set<Integer> wanted = replicatedShards(key, filter);
        Map<Integer, PendingWrite> byShard = pending.get(filter);
        if (byShard != null) {
            byShard.forEach((shard, w) -> {
                if (w.present) {
                    wanted.add(shard);
                } else {
                    wanted.remove(shard);
                }
            });
        }
        Set<Integer> have = inTrie.getOrDefault(filter, Set.of());
        for (Integer shard : wanted) {
            if (!have.contains(shard)) {
                trie.add(filter, shard);
            }
        }
        for (Integer shard : have) {
            if (!wanted.contains(shard)) {
                trie.remove(filter, shard);
            }
        }
        if (wanted.isEmpty()) {
            inTrie.remove(filter);
        } else {
            inTrie.put(filter, wanted);
        }
    }
}
