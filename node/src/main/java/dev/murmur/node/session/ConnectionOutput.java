package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Publish;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/** What a session sends to the connection it is attached to. */
public sealed interface ConnectionOutput extends MurmurSerializable {

    /**
     * The session accepted the attach; {@code pendingInboundQos2} are ids awaiting PUBREL.
     * {@code session} is the entity itself: the connection sends to it directly from now on,
     * skipping the shard region on the hot path (acks, credit). If the entity stops, it kicks
     * the connection first, so the direct reference never silently goes stale.
     * {@code qos2HandOffs} maps each pending id to the hand-off id it was accepted under (0: its
     * routing completed); a re-sent copy of a non-zero one is routed again under that id.
     */
    record Attached(boolean sessionPresent, Set<Integer> pendingInboundQos2, ActorRef<ShardMessage> session,
                    Map<Integer, Long> qos2HandOffs) implements ConnectionOutput {
    }

    /** A PUBLISH to write to the client; its packet id (QoS > 0) was bound by the session. */
    record Outgoing(Publish publish) implements ConnectionOutput {
    }

    /** A PUBREL to (re)send for an outbound QoS 2 message whose PUBREC arrived. */
    record OutgoingPubRel(int packetId) implements ConnectionOutput {
    }

    /** SUBSCRIBE processed: one reason code per filter, routes live. */
    record SubscribeDone(int packetId, List<ReasonCode> reasonCodes) implements ConnectionOutput {
    }

    /** UNSUBSCRIBE processed: one reason code per filter. */
    record UnsubscribeDone(int packetId, List<ReasonCode> reasonCodes) implements ConnectionOutput {
    }

    /**
     * A shard hub fanned out hand-off {@code handOffId} (attempt {@code attempt}) to
     * {@code sessions} sessions at QoS 1/2; each will send {@link SessionConfirmed}.
     */
    record HubConfirmed(long handOffId, int shard, int attempt, int sessions) implements ConnectionOutput {
    }

    /** The session stored inbound QoS 2 id {@code packetId} (awaiting PUBREL): PUBREC may go out. */
    record InboundQos2Recorded(int packetId) implements ConnectionOutput {
    }

    /** One session (or the retained store) stored hand-off {@code handOffId}. */
    record SessionConfirmed(long handOffId, int shard, int attempt) implements ConnectionOutput {
    }

    /** Shard hubs have dispatched {@code count} of this connection's routed messages. */
    record Routed(int count) implements ConnectionOutput {
    }

    /**
     * A persistent session's shard moves to another node (rebalance, a node leaving): its entity
     * stops here and starts there from the journal. The connection attaches to it again without
     * the client noticing (issue 10: a device is not disconnected because a shard moved).
     */
    enum SessionMoved implements ConnectionOutput {
        INSTANCE
    }

    /** The session no longer belongs to this connection (takeover, session end): disconnect. */
    record Kicked(ReasonCode reason) implements ConnectionOutput {
    }

    /**
     * The server ends the connection for a reason of its own (administrative action 0x98, or a
     * redirection 0x9C / 0x9D with the other server's reference); the session stays as it is.
     */
    record Disconnected(ReasonCode reason, String serverReference) implements ConnectionOutput {
    }
}
