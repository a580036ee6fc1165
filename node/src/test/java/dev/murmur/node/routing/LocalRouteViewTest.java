package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.junit.jupiter.api.Test;

class LocalRouteViewTest {
    private static final SelfUniqueAddress LOCAL =
            new SelfUniqueAddress(new UniqueAddress(new Address("pekko", "murmur", "127.0.0.1", 25521), 1L));
    private static final SelfUniqueAddress REMOTE =
            new SelfUniqueAddress(new UniqueAddress(new Address("pekko", "murmur", "127.0.0.1", 25522), 2L));

    private final LocalRouteView view = new LocalRouteView(1);

    private java.util.Set<Integer> match(String topic) {
        ShardSet out = new ShardSet(16);
        view.match(topic, out);
        java.util.Set<Integer> shards = new java.util.HashSet<>();
        out.forEach(shards::add);
        return shards;
    }

    @Test
    void remoteChangesAreDiffedIntoTheTrie() {
        ORMultiMap<String, Integer> v1 = ORMultiMap.<String, Integer>emptyWithValueDeltas()
                .addBindingBy("a/+", 3, REMOTE).addBindingBy("b/#", 4, REMOTE);
        view.keyChanged(0, v1);
        assertThat(match("a/x").contains(3)).isTrue();
        assertThat(match("b/y/z").contains(4)).isTrue();

        ORMultiMap<String, Integer> v2 = v1.removeBindingBy("a/+", 3, REMOTE).addBindingBy("b/#", 5, REMOTE);
        view.keyChanged(0, v2);
        assertThat(match("a/x").isEmpty()).isTrue();
        assertThat(match("b/y").contains(4)).isTrue();
        assertThat(match("b/y").contains(5)).isTrue();
        assertThat(view.size()).isEqualTo(2);
    }

    @Test
    void aLocalWriteIsMatchedFromItsStartAndStaysWhenItFinishes() {
        view.writeStarted("s/1", 7, true);
        assertThat(match("s/1").contains(7)).isTrue(); // before any replication: subscribe means subscribed

        ORMultiMap<String, Integer> written = ORMultiMap.<String, Integer>emptyWithValueDeltas()
                .addBindingBy("s/1", 7, LOCAL).addBindingBy("other/t", 9, REMOTE);
        view.writeFinished(0, List.of("s/1"), 7, written);
        assertThat(match("s/1").contains(7)).isTrue();

        // The remote entry merged into the written value arrives with the key's change notification.
        view.keyChanged(0, written);
        assertThat(match("other/t").contains(9)).isTrue();
        assertThat(match("s/1").contains(7)).isTrue();
    }

    @Test
    void aLocalRemoveHidesTheRouteAtOnceAndAnOlderNotificationDoesNotBringItBack() {
        ORMultiMap<String, Integer> withRoute = ORMultiMap.<String, Integer>emptyWithValueDeltas()
                .addBindingBy("s/2", 1, LOCAL);
        view.keyChanged(0, withRoute);
        assertThat(match("s/2").contains(1)).isTrue();

        view.writeStarted("s/2", 1, false);
        assertThat(match("s/2").isEmpty()).isTrue();
        view.keyChanged(0, withRoute); // a notification from before the remove was applied
        assertThat(match("s/2").isEmpty()).isTrue();

        view.writeFinished(0, List.of("s/2"), 1, withRoute.removeBindingBy("s/2", 1, LOCAL));
        assertThat(match("s/2").isEmpty()).isTrue();
    }
}
