package dev.murmur.node.routing;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.session.ShardMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The publish path after a PUBLISH was accepted: store it if retained, match the local route
 * index, and send one envelope to each matching shard hub. Thread-safe; called from connection
 * stages and sessions (wills) without a message hop.
 */
public final class PublishRouter {
    private final RouteIndex routes;
    private final ActorRef<RetainedCommand> retained;
    private final BrokerMetrics metrics;
    private final EntityRef<ShardMessage>[] hubs;

    @SuppressWarnings("unchecked")
    public PublishRouter(RouteIndex routes, ActorRef<RetainedCommand> retained, BrokerMetrics metrics,
                         ClusterSharding sharding, ShardLayout layout) {
        this.routes = routes;
        this.retained = retained;
        this.metrics = metrics;
        this.hubs = new EntityRef[layout.numberOfShards()];
        for (int i = 0; i < hubs.length; i++) {
            hubs[i] = sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.hubEntityId(i));
        }
    }

    /** Routes a message nobody waits on (wills, $SYS); returns the number of shards it went to. */
    public int route(RoutedMessage message) {
        return route(message, null);
    }

    /**
     * Routes a message; returns the number of shards it was sent to (0: no subscribers). Each
     * of those hubs later acknowledges it to {@code ackTo} (when not null) with
     * {@code ConnectionOutput.Routed}.
     */
    public int route(RoutedMessage message, ActorRef<ConnectionOutput> ackTo) {
        if (message.retain()) {
            retained.tell(new RetainedCommand.Put(message));
        }
        ShardSet shards = new ShardSet(hubs.length);
        routes.match(message.topic(), shards);
        if (shards.isEmpty()) {
            metrics.increment(Counter.MESSAGES_NO_SUBSCRIBERS);
            return 0;
        }
        HubCommand.Route envelope = new HubCommand.Route(message, ackTo);
        shards.forEach(shard -> hubs[shard].tell(envelope));
        return shards.size();
    }

    public RouteIndex routes() {
        return routes;
    }
}
