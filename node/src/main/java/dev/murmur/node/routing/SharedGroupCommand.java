package dev.murmur.node.routing;

import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.QoS;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of {@link SharedGroup}, the one place that picks a member of a shared subscription. */
public sealed interface SharedGroupCommand extends ShardMessage {

    /** A session subscribed to the group; answered with {@code SubscriptionsRouted(packetId)} once routed. */
    record Join(String clientId, QoS maxQos, boolean retainAsPublished, Integer subscriptionIdentifier, int packetId,
                boolean online, ActorRef<? super SessionCommand> replyTo) implements SharedGroupCommand {
    }

    /** A session unsubscribed, or its session ended. */
    record Leave(String clientId) implements SharedGroupCommand {
    }

    /** A member's session got or lost its connection: connected members are preferred. */
    record MemberStatus(String clientId, boolean online) implements SharedGroupCommand {
    }

    /** A message matched the group's filter (sent by the shard hub of the group's shard). */
    record Route(RoutedMessage message) implements SharedGroupCommand {
    }

    /**
     * A message chosen for {@code fromClientId} that it will not deliver (its session ended with
     * the message unacknowledged, or it left the group meanwhile): pick another member.
     */
    record Redeliver(RoutedMessage message, String fromClientId) implements SharedGroupCommand {
    }

    /** Internal: the hub holds the group's filter and every reachable node has the route. */
    record GroupRouted(long requestId) implements SharedGroupCommand {
    }
}
