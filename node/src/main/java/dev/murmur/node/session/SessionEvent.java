package dev.murmur.node.session;

import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.Will;

/**
 * What happened to a session, in the past tense. {@link SessionState#apply} is the only way its
 * state changes, so the durability issue can journal these events without a rewrite.
 */
public sealed interface SessionEvent extends MurmurSerializable {

    /** Clean start, or a new session: everything from before is gone. */
    enum StateCleared implements SessionEvent {
        INSTANCE
    }

    record SubscriptionAdded(Subscription subscription, Integer subscriptionIdentifier) implements SessionEvent {
    }

    record SubscriptionRemoved(String filter) implements SessionEvent {
    }

    record MessageEnqueued(QueuedMessage message) implements SessionEvent {
    }

    /**
     * A QoS 1/2 message a publisher handed off with {@code handOffId} was queued. The id lets the
     * session recognise a re-sent hand-off (after a timeout) and store the message only once.
     */
    record MessageStored(QueuedMessage message, long handOffId) implements SessionEvent {
    }

    /** Queue overflow: the oldest queued QoS 0 message made room. */
    enum OldestQos0Dropped implements SessionEvent {
        INSTANCE
    }

    /** The head of the queue was handed to the connection; QoS > 0 binds {@code packetId}. */
    record MessageSent(int packetId) implements SessionEvent {
    }

    /** PUBACK (QoS 1) or PUBCOMP (QoS 2): the message is done. */
    record MessageAcknowledged(int packetId) implements SessionEvent {
    }

    /** PUBREC: the QoS 2 message was received; PUBREL is owed until PUBCOMP. */
    record MessageReceived(int packetId) implements SessionEvent {
    }

    /**
     * An inbound QoS 2 PUBLISH was accepted under {@code handOffId}, before it is routed: a copy
     * the client re-sends after this session moved is routed again under the same id, so every
     * subscriber session recognises it and stores it once (MQTT-4.3.3-3). 0 in journals written
     * before the id was kept: routing had completed.
     */
    record InboundQos2Stored(int packetId, long handOffId) implements SessionEvent {
        public InboundQos2Stored(int packetId) {
            this(packetId, 0);
        }
    }

    record InboundQos2Released(int packetId) implements SessionEvent {
    }

    record WillSet(Will will) implements SessionEvent {
    }

    enum WillCleared implements SessionEvent {
        INSTANCE
    }

    record ExpiryChanged(long sessionExpirySeconds) implements SessionEvent {
    }

    /**
     * The client went away and the session expires at this wall-clock time unless it reconnects;
     * a restarted node resumes the countdown from here. A later {@link ExpiryChanged} clears it.
     */
    record ExpiryScheduled(long expiresAtMillis) implements SessionEvent {
    }

    /**
     * A connection attached. A successor that recovers this without a later {@link Disconnected}
     * knows its predecessor died with a live connection (issue 10: the will of a device whose
     * socket and session were both on a dead node).
     */
    enum Connected implements SessionEvent {
        INSTANCE
    }

    /** The attached connection went away (a DISCONNECT, a lost socket, or a takeover by another). */
    enum Disconnected implements SessionEvent {
        INSTANCE
    }

    /** The head of the queue passed its Message Expiry Interval before delivery started (MQTT-3.3.2-5). */
    enum QueuedHeadExpired implements SessionEvent {
        INSTANCE
    }
}
