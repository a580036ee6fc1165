package dev.murmur.node.routing;

import dev.murmur.protocol.topic.TopicTrie;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * This node's mirror of the replicated route index: the last replicated value of every key,
 * plus this node's own writes that are not acknowledged yet (applied at once, so a local
 * publisher sees a new route before the SUBACK). Written only by {@link RouteIndexReplica};
 * {@link #match} is safe from any thread because the trie is.
 */
final class LocalRouteView implements RouteIndex {
    private final TopicTrie<Integer> trie = new TopicTrie<>();
    /** What the trie holds, by filter, so changes can be applied as diffs. */
    private final Map<String, Set<Integer>> inTrie = new HashMap<>();
    private final Map<String, Set<Integer>>[] replicated;
    /** filter -> shard -> pending local write; a later write on the same pair replaces it. */
    private final Map<String, Map<Integer, PendingWrite>> pending = new HashMap<>();

    /** A local add or remove not yet reflected in the replicated value we hold. */
    private static final class PendingWrite {
        boolean present;
        int outstanding;
    }

    @SuppressWarnings("unchecked")
    LocalRouteView(int keys) {
        replicated = new Map[keys];
        for (int i = 0; i < keys; i++) {
            replicated[i] = Map.of();
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
        refresh(filter, keyOf(filter));
    }

    /** A local write finished; {@code written} is the key's value right after it was applied. */
    void writeFinished(int key, Iterable<String> filters, int shard, Map<String, Set<Integer>> written) {
        Map<String, Set<Integer>> before = replicated[key];
        replicated[key] = written;
        for (String filter : filters) {
            Map<Integer, PendingWrite> byShard = pending.get(filter);
            PendingWrite w = byShard == null ? null : byShard.get(shard);
            if (w != null && --w.outstanding == 0) {
                byShard.remove(shard);
                if (byShard.isEmpty()) {
                    pending.remove(filter);
                }
            }
        }
        refreshChanged(key, before, written);
    }

    /** The replicated value of a key changed (a remote write, or gossip of our own). */
    void keyChanged(int key, Map<String, Set<Integer>> value) {
        Map<String, Set<Integer>> before = replicated[key];
        replicated[key] = value;
        refreshChanged(key, before, value);
    }

    /** Every route this node knows; for the owning actor only (the admin API asks it). */
    void forEachRoute(java.util.function.BiConsumer<String, Set<Integer>> sink) {
        inTrie.forEach(sink);
    }

    int keyOf(String filter) {
        return Math.floorMod(filter.hashCode(), replicated.length);
    }

    private void refreshChanged(int key, Map<String, Set<Integer>> before, Map<String, Set<Integer>> after) {
        for (Map.Entry<String, Set<Integer>> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                refresh(e.getKey(), key);
            }
        }
        for (String filter : before.keySet()) {
            if (!after.containsKey(filter)) {
                refresh(filter, key);
            }
        }
    }

    /** Brings the trie in line with replicated value + pending writes for one filter. */
    private void refresh(String filter, int key) {
        Set<Integer> wanted = new HashSet<>(replicated[key].getOrDefault(filter, Set.of()));
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
