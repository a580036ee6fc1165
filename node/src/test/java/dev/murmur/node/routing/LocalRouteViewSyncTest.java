package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.junit.jupiter.api.Test;

/**
 * The per-filter sync path of {@link LocalRouteView}: a peer's write refreshes only the filters
 * it names, values arriving out of order never take the view back, and the periodic whole-key
 * resync still ends with the view equal to the replicated value.
 */
class LocalRouteViewSyncTest {
    private static final SelfUniqueAddress LOCAL =
            new SelfUniqueAddress(new UniqueAddress(new Address("pekko", "murmur", "127.0.0.1", 25521), 1L));
    private static final SelfUniqueAddress REMOTE =
            new SelfUniqueAddress(new UniqueAddress(new Address("pekko", "murmur", "127.0.0.1", 25522), 2L));
    private static final ORMultiMap<String, Integer> EMPTY = ORMultiMap.emptyWithValueDeltas();

    private final LocalRouteView view = new LocalRouteView(1);

    private Set<Integer> match(String topic) {
        ShardSet out = new ShardSet(16);
        view.match(topic, out);
        Set<Integer> shards = new HashSet<>();
        out.forEach(shards::add);
        return shards;
    }

    @Test
    void aSyncRefreshesOnlyTheFiltersItNamesAndTheResyncBringsTheRest() {
        ORMultiMap<String, Integer> v1 = EMPTY.addBindingBy("x/1", 3, REMOTE).addBindingBy("x/2", 4, REMOTE);

        view.refreshFilters(0, v1, List.of("x/1"));
        assertThat(match("x/1")).containsExactly(3);
        assertThat(match("x/2")).isEmpty(); // not named: not diffed, that is the point

        assertThat(view.needsResync(0)).isTrue();
        view.resync(0);
        assertThat(match("x/2")).containsExactly(4);
        assertThat(view.needsResync(0)).isFalse();
    }

    @Test
    void aRemoveLearntOnlyFromANotificationTakesOutARouteAddedBySync() {
        ORMultiMap<String, Integer> added = EMPTY.addBindingBy("r/1", 2, REMOTE);
        view.refreshFilters(0, added, List.of("r/1"));
        assertThat(match("r/1")).containsExactly(2);

        // The remove's own sync was lost (timed out); the value last diffed (empty) and the new
        // one agree that r/1 is absent, so only the record of the synced filter can catch it.
        // (A replicator's merge drops the empty entry removeBinding leaves behind: merge to get it.)
        ORMultiMap<String, Integer> removed = added.removeBindingBy("r/1", 2, REMOTE).merge(EMPTY);
        assertThat(removed.underlying().values().contains("r/1")).isFalse();
        view.offer(0, removed);
        view.resync(0);
        assertThat(match("r/1")).isEmpty();
        assertThat(view.size()).isZero();
    }

    @Test
    void aLateSyncOfAnAddDoesNotUndoTheRemoveThatFollowedIt() {
        ORMultiMap<String, Integer> added = EMPTY.addBindingBy("late/1", 5, REMOTE);
        ORMultiMap<String, Integer> removed = added.removeBindingBy("late/1", 5, REMOTE);

        view.refreshFilters(0, removed, List.of("late/1"));
        view.refreshFilters(0, added, List.of("late/1")); // older replicator state, read earlier
        assertThat(match("late/1")).isEmpty();

        view.keyChanged(0, added); // an old notification cannot bring it back either
        assertThat(match("late/1")).isEmpty();
    }

    @Test
    void anOlderValueOfferedAfterANewerOneIsIgnoredAndANewerOneReplacesIt() {
        ORMultiMap<String, Integer> v1 = EMPTY.addBindingBy("o/1", 1, REMOTE);
        ORMultiMap<String, Integer> v2 = v1.addBindingBy("o/2", 1, REMOTE);

        assertThat(view.offer(0, v2)).isTrue();
        assertThat(view.offer(0, v1)).isFalse();
        assertThat(view.offer(0, v2)).isFalse();
        view.resync(0);
        assertThat(match("o/2")).containsExactly(1);

        // Re-adding a binding already present is still a change of the version vector.
        ORMultiMap<String, Integer> v3 = v2.addBindingBy("o/1", 1, REMOTE);
        assertThat(view.offer(0, v3)).isTrue();
    }

    @Test
    void valuesNeitherOfWhichIncludesTheOtherAreMerged() {
        ORMultiMap<String, Integer> mine = EMPTY.addBindingBy("c/1", 1, LOCAL);
        ORMultiMap<String, Integer> theirs = EMPTY.addBindingBy("c/2", 2, REMOTE);

        view.keyChanged(0, mine);
        view.keyChanged(0, theirs);
        assertThat(match("c/1")).containsExactly(1);
        assertThat(match("c/2")).containsExactly(2);
    }

    @Test
    void theViewEndsEqualToTheReplicatedValueAfterInterleavedSyncsAndResyncs() {
        ORMultiMap<String, Integer> value = EMPTY;
        java.util.Random random = new java.util.Random(7);
        for (int step = 0; step < 500; step++) {
            String filter = "t/" + random.nextInt(20);
            int shard = random.nextInt(3);
            SelfUniqueAddress node = random.nextBoolean() ? LOCAL : REMOTE;
            value = random.nextInt(3) == 0 ? value.removeBindingBy(filter, shard, node).merge(EMPTY)
                    : value.addBindingBy(filter, shard, node);
            switch (random.nextInt(4)) {
                case 0 -> view.refreshFilters(0, value, List.of(filter));
                case 1 -> view.offer(0, value);
                case 2 -> view.resync(0);
                default -> { } // this change's sync was lost
            }
        }
        view.offer(0, value);
        view.resync(0);
        for (int f = 0; f < 20; f++) {
            String filter = "t/" + f;
            Set<Integer> expected = value.getEntries().getOrDefault(filter, Set.of());
            assertThat(match(filter)).as(filter).isEqualTo(expected);
        }
    }
}
