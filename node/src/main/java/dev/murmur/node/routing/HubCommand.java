package dev.murmur.node.routing;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.ShardMessage;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of {@link ShardHub}. */
public sealed interface HubCommand extends ShardMessage {

    /**
     * Route a message to the matching sessions of this shard. {@code ackTo}, when set, is the
     * publishing connection: it hears {@code ConnectionOutput.Routed} so that it can bound the
     * envelopes it has in flight (backpressure from routing to the publisher's socket).
     */
    record Route(RoutedMessage message, ActorRef<ConnectionOutput> ackTo) implements HubCommand {
    }

    /** Internal: a session this hub delivered to directly has stopped. */
    record SessionStopped(String clientId, ActorRef<? super dev.murmur.node.session.SessionCommand> session)
            implements HubCommand {
    }

    /** Internal: sent to itself when the first ack is owed; flushes owed acks after the backlog. */
    enum FlushAcks implements HubCommand {
        INSTANCE
    }

    /**
     * Route a QoS 1/2 message whose publisher waits: sessions get {@code DeliverConfirmed} and
     * {@code confirmTo} hears how many (ConnectionOutput.HubConfirmed).
     */
    record RouteConfirmed(RoutedMessage message, long handOffId, int attempt,
                          ActorRef<dev.murmur.node.session.ConnectionOutput> confirmTo) implements HubCommand {
    }

    /** Add or replace subscriptions of a session; replies {@code SubscriptionsRouted} to it. */
    record AddSubscriptions(String clientId, int packetId, List<HubSubscription> subscriptions,
                            ActorRef<? super dev.murmur.node.session.SessionCommand> replyTo) implements HubCommand {
    }

    /**
     * Subscriptions of a persistent session recovered from the journal (the session itself may not
     * run); {@code replyTo} hears {@code SubscriptionsRouted} once their routes are written.
     */
    record RestoreSubscriptions(String clientId, List<HubSubscription> subscriptions,
                                ActorRef<? super dev.murmur.node.session.SessionCommand> replyTo)
            implements HubCommand {
    }

    /** Admin API: this hub's subscriptions to any of {@code filters} (operations issue). */
    record ListSubscribers(List<String> filters, ActorRef<Subscribers> replyTo) implements HubCommand {
    }

    /** The answer to {@link ListSubscribers}. */
    record Subscribers(int shard, List<HubSubscription> subscriptions)
            implements MurmurSerializable {
    }

    /** Remove subscriptions of a session (unsubscribe, or the session ended). */
    record RemoveSubscriptions(String clientId, List<String> filters) implements HubCommand {
    }

    /** Internal: the route index acknowledged the routes of a pending subscribe. */
    record RoutesWritten(long requestId) implements HubCommand {
    }

    /**
     * Register a shared subscription group of this shard: messages matching {@code filter} go to
     * {@code group}; replies {@code GroupRouted(requestId)} once the route is written.
     */
    record AddSharedGroup(String filter, String shareFilter, ActorRef<ShardMessage> group, long requestId)
            implements HubCommand {
    }

    /** The group (this incarnation of it) has no members left. */
    record RemoveSharedGroup(String filter, String shareFilter, ActorRef<ShardMessage> group) implements HubCommand {
    }
}
