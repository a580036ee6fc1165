package dev.murmur.node.routing;

import java.util.ArrayList;
import java.util.List;

/** Test helper: the shard ids a route index matches for a topic, as a list AssertJ can check. */
final class RouteMatches {
    private RouteMatches() {
    }

    static List<Integer> of(RouteIndex index, String topic) {
        ShardSet set = new ShardSet(64);
        index.match(topic, set);
        List<Integer> shards = new ArrayList<>();
        set.forEach(shards::add);
        return shards;
    }
}
