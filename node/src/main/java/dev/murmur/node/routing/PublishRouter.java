package dev.murmur.node.routing;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.retained.RetainedStore;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.session.ShardMessage;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * The publish path after a PUBLISH was accepted: store it if retained, match the local route
 * index, and send one envelope to each matching shard hub. Thread-safe; called from connection
 * stages and sessions (wills) without a message hop.
 */
public final class PublishRouter {
    private static final Duration DEFAULT_HAND_OFF_TIMEOUT = Duration.ofSeconds(5);
    private final RouteIndex routes;
    private final ActorRef<RetainedCommand> retained;
    private final BrokerMetrics metrics;
    private final EntityRef<ShardMessage>[] hubs;
    private final Duration handOffTimeout;

    public PublishRouter(RouteIndex routes, ActorRef<RetainedCommand> retained, BrokerMetrics metrics,
                         ClusterSharding sharding, ShardLayout layout) {
        this(routes, retained, metrics, sharding, layout, DEFAULT_HAND_OFF_TIMEOUT);
    }

    /** {@code handOffTimeout}: how long a publisher's hand-off waits for confirmations before a retry. */
    @SuppressWarnings("unchecked")
    public PublishRouter(RouteIndex routes, ActorRef<RetainedCommand> retained, BrokerMetrics metrics,
                         ClusterSharding sharding, ShardLayout layout, Duration handOffTimeout) {
        this.handOffTimeout = handOffTimeout;
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
            if (!message.retain()) { // a retained message is kept, not lost
                metrics.messages().dropped(MessageCounters.DropReason.NO_SUBSCRIBERS, message.qos());
            }
            return 0;
        }
        HubCommand.Route envelope = new HubCommand.Route(message, ackTo);
        shards.forEach(shard -> hubs[shard].tell(envelope));
        countEnvelopes(shards.size());
        return shards.size();
    }

    /**
     * Routes a QoS 1/2 message whose publisher waits for it to be stored: each matching hub answers
     * {@code confirmTo} with the number of sessions, each session confirms once stored. Returns the
     * matching shards (empty: no subscribers), for {@link #resend} after a timeout.
     */
    public ShardSet routeConfirmed(RoutedMessage message, long handOffId, ActorRef<ConnectionOutput> confirmTo) {
        if (message.retain()) {
            // the retained store confirms too, under RetainedStore.RETAINED_SHARD
            retained.tell(new RetainedCommand.PutConfirmed(message, handOffId, 0, confirmTo));
        }
        ShardSet shards = new ShardSet(hubs.length);
        routes.match(message.topic(), shards);
        if (shards.isEmpty()) {
            metrics.increment(Counter.MESSAGES_NO_SUBSCRIBERS);
            return shards;
        }
        HubCommand.RouteConfirmed envelope = new HubCommand.RouteConfirmed(message, handOffId, 0, confirmTo);
        shards.forEach(shard -> hubs[shard].tell(envelope));
        countEnvelopes(shards.size());
        return shards;
    }

    /** The cost of one publish in cluster messages: envelopes / routed publishes (issue 10). */
    private void countEnvelopes(int envelopes) {
        metrics.increment(Counter.MESSAGES_ROUTED);
        metrics.add(Counter.ROUTE_ENVELOPES_SENT, envelopes);
    }

    /** Re-sends a hand-off to one shard (its confirmations did not all arrive in time). */
    public void resend(int shard, RoutedMessage message, long handOffId, int attempt,
                       ActorRef<ConnectionOutput> confirmTo) {
        if (shard == RetainedStore.RETAINED_SHARD) {
            retained.tell(new RetainedCommand.PutConfirmed(message, handOffId, attempt, confirmTo));
        } else {
            hubs[shard].tell(new HubCommand.RouteConfirmed(message, handOffId, attempt, confirmTo));
        }
    }

    public Duration handOffTimeout() {
        return handOffTimeout;
    }

    public RouteIndex routes() {
        return routes;
    }
}
