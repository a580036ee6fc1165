package dev.murmur.node.session;

import dev.murmur.node.config.NodeSettings;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.routing.PublishRouter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** What a session entity needs from its node; one instance per node, shared by all sessions. */
public record SessionServices(NodeSettings settings, BrokerMetrics metrics, PublishRouter router,
                              ActorRef<RetainedCommand> retained, ShardLayout layout, ClusterSharding sharding) {

    /** The shard hub that holds this client's subscriptions (same shard as its session). */
    public RecipientRef<ShardMessage> hubFor(String clientId) {
        return sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.hubEntityId(layout.shardOf(clientId)));
    }

    /** A client's session entity. */
    public RecipientRef<ShardMessage> session(String clientId) {
        return sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(clientId));
    }
}
