package dev.murmur.node.durable;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * When a member is removed (it died and was downed, or it left), Sharding re-homes its shards
 * only when a message for them arrives. This wakes every shard hub at once instead, so the
 * re-homed hubs recover their durable subscriptions and their directories wake the sessions that
 * died with a connection (their wills must not wait for the device to come back).
 */
final class RehomeWaker {
    private RehomeWaker() {
    }

    static Behavior<ClusterEvent.MemberRemoved> create(Runnable wakeHubs) {
        return Behaviors.setup(ctx -> {
            Cluster.get(ctx.getSystem()).subscriptions()
                    .tell(Subscribe.create(ctx.getSelf(), ClusterEvent.MemberRemoved.class));
            return Behaviors.receiveMessage(removed -> {
                wakeHubs.run();
                return Behaviors.same();
            });
        });
    }
}
