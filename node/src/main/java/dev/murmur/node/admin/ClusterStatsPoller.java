package dev.murmur.node.admin;

import dev.murmur.node.session.ShardLayout;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Asks Cluster Sharding every interval how many session shards (and entities) each node hosts,
 * and hands the answer to {@link ClusterView}: a scrape or API call then reads memory instead of
 * asking every region of the cluster.
 */
final class ClusterStatsPoller {
    private enum Tick { INSTANCE }

    private ClusterStatsPoller() {
    }

    static Behavior<Object> create(ClusterSharding sharding, ClusterView view, Duration interval) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerAtFixedRate(Tick.INSTANCE, Duration.ZERO, interval);
            return Behaviors.receiveMessage(msg -> {
                if (msg == Tick.INSTANCE) {
                    sharding.shardState().tell(new GetClusterShardingStats(ShardLayout.TYPE_KEY, interval,
                            ctx.getSelf().unsafeUpcast()));
                } else if (msg instanceof ShardRegion.ClusterShardingStats stats) {
                    Map<String, Integer> shards = new TreeMap<>();
                    Map<String, Integer> entities = new TreeMap<>();
                    Map<String, String> placement = new TreeMap<>();
                    for (Map.Entry<Address, ShardRegion.ShardRegionStats> e : stats.getRegions().entrySet()) {
                        String node = ClusterView.nodeName(e.getKey());
                        shards.put(node, e.getValue().getStats().size());
                        e.getValue().getStats().keySet().forEach(shard -> placement.put(shard, node));
                        entities.put(node, e.getValue().getStats().values().stream()
                                .mapToInt(n -> ((Number) n).intValue()).sum());
                    }
                    view.updateShards(shards, entities, System.currentTimeMillis());
                    view.updatePlacement(placement);
                }
                return Behaviors.same();
            });
        }));
    }
}
