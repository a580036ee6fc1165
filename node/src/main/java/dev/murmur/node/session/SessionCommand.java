package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Subscription;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of {@link SessionEntity}: from its connection, its shard hub and the retained store. */
public sealed interface SessionCommand extends ShardMessage {

    /**
     * A connection completed CONNECT for this client id; {@code resume}: it was attached to this
     * session's predecessor (the shard moved) and only continues it, never taking it over.
     */
    record Attach(ConnectRequest request, ActorRef<ConnectionOutput> connection, boolean resume)
            implements SessionCommand {
        public Attach(ConnectRequest request, ActorRef<ConnectionOutput> connection) {
            this(request, connection, false);
        }
    }

    /** The connection ended; {@code publishWill} unless it was a normal DISCONNECT. */
    record Detach(ActorRef<ConnectionOutput> connection, boolean publishWill, Long newSessionExpirySeconds)
            implements SessionCommand {
    }

    record Subscribe(ActorRef<ConnectionOutput> connection, int packetId, List<Subscription> subscriptions,
                     Integer subscriptionIdentifier) implements SessionCommand {
    }

    record Unsubscribe(ActorRef<ConnectionOutput> connection, int packetId, List<String> filters)
            implements SessionCommand {
    }

    /** PUBACK (QoS 1) from the client. */
    record PubAckReceived(ActorRef<ConnectionOutput> connection, int packetId) implements SessionCommand {
    }

    /** PUBREC (QoS 2, first half) from the client. */
    record PubRecReceived(ActorRef<ConnectionOutput> connection, int packetId) implements SessionCommand {
    }

    /** PUBCOMP (QoS 2, second half) from the client. */
    record PubCompReceived(ActorRef<ConnectionOutput> connection, int packetId) implements SessionCommand {
    }

    /**
     * An inbound QoS 2 PUBLISH is about to be routed under {@code handOffId}; its id awaits PUBREL
     * (kept across reconnects and session moves). The session answers InboundQos2Recorded.
     */
    record InboundQos2Stored(ActorRef<ConnectionOutput> connection, int packetId, long handOffId)
            implements SessionCommand {
    }

    /** PUBREL arrived for an inbound QoS 2 id. */
    record InboundQos2Released(ActorRef<ConnectionOutput> connection, int packetId) implements SessionCommand {
    }

    /**
     * The connection could not send an outbound PUBLISH because it exceeds the client's Maximum
     * Packet Size; MQTT-3.1.2-25 says to act as if it had been sent and acknowledged.
     */
    record DeliveryDropped(ActorRef<ConnectionOutput> connection, int packetId) implements SessionCommand {
    }

    /** The connection wrote {@code count} session packets to its socket: more may be handed over. */
    record WriteCredit(ActorRef<ConnectionOutput> connection, int count) implements SessionCommand {
    }

    /** A message matched one or more subscriptions of this session (sent by its shard hub). */
    record Deliver(RoutedMessage message, QoS qos, boolean retainAsPublished, List<Integer> subscriptionIdentifiers)
            implements SessionCommand {
    }

    /**
     * A QoS 1/2 message the publisher waits on: once it is stored (journaled, for a persistent
     * session) the session tells {@code confirmTo}; a re-sent copy (same {@code handOffId}) is
     * confirmed again but stored once.
     */
    record DeliverConfirmed(Deliver deliver, long handOffId, int shard, int attempt,
                            ActorRef<ConnectionOutput> confirmTo) implements SessionCommand {
    }

    /**
     * A message a shared subscription group chose this session for ({@code shareFilter} is the
     * group's {@code $share/...} filter); bounced back to the group if the session cannot take it.
     */
    record DeliverShared(RoutedMessage message, QoS qos, boolean retainAsPublished,
                         List<Integer> subscriptionIdentifiers, String shareFilter) implements SessionCommand {
    }

    /**
     * An operator ends the client's connection (0x98 Administrative action, or a redirection
     * 0x9C / 0x9D with {@code serverReference}); the session itself stays.
     */
    record DisconnectClient(ReasonCode reason, String serverReference) implements SessionCommand {
    }

    /** The will delay of a closed connection's will has passed (MQTT 5.0 3.1.3.2.2). */
    enum WillDelayElapsed implements SessionCommand {
        INSTANCE
    }

    /** The shard hub has the subscriptions and every reachable node has their routes. */
    record SubscriptionsRouted(int packetId) implements SessionCommand {
    }

    /** Retained messages matching a new subscription, to deliver with RETAIN set. */
    record RetainedFound(List<RoutedMessage> messages, QoS maxQos, Integer subscriptionIdentifier)
            implements SessionCommand {
    }

    /** Admin API: answer with this session's {@link SessionInfo} (operations issue). */
    record GetInfo(ActorRef<SessionInfo> replyTo) implements SessionCommand {
    }

    /** Admin API: end this session now, disconnecting its client with 0x98; answers {@link Discarded}. */
    record Discard(ActorRef<Discarded> replyTo) implements SessionCommand {
    }

    /** The answer to {@link Discard}: whether there was a session to delete. */
    record Discarded(String clientId, boolean existed) implements MurmurSerializable {
    }

    /** The takeover grace ran out before the replaced connection's Detach arrived. */
    /**
     * Sent by the shard's directory after it recovered on a new node to each session that had a
     * live connection when the old node died: starting the entity is the point (it recovers).
     */
    enum WakeUp implements SessionCommand {
        INSTANCE
    }

    /** A recovered session's predecessor had a connection, and none re-attached in time: it is lost. */
    enum PredecessorConnectionLost implements SessionCommand {
        INSTANCE
    }

    enum TakeoverSettled implements SessionCommand {
        INSTANCE
    }

    /** The session expiry timer fired. */
    enum Expire implements SessionCommand {
        INSTANCE
    }

    /**
     * DeathWatch: the attached connection's stage stopped, or its node was downed (issue 10). Its
     * Detach normally follows at once; the session waits {@code mqtt.takeover-grace} for it.
     */
    record ConnectionTerminated(ActorRef<ConnectionOutput> connection) implements SessionCommand {
    }

    /** The grace after {@link ConnectionTerminated} ran out without a Detach: the connection was lost. */
    record ConnectionLost(ActorRef<ConnectionOutput> connection) implements SessionCommand {
    }

    /** Sent by the shard after this entity asked to passivate: stop now. */
    enum Stop implements SessionCommand {
        INSTANCE
    }
}
