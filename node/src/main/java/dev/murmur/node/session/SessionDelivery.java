package dev.murmur.node.session;

import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters.DropReason;
import dev.murmur.node.routing.MessageExpiry;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.ConnectionOutput.Outgoing;
import dev.murmur.node.session.ConnectionOutput.OutgoingPubRel;
import dev.murmur.node.session.SessionCommand.Deliver;
import dev.murmur.node.session.SessionCommand.PubAckReceived;
import dev.murmur.node.session.SessionCommand.PubCompReceived;
import dev.murmur.node.session.SessionCommand.PubRecReceived;
import dev.murmur.node.session.SessionCommand.RetainedFound;
import dev.murmur.node.session.SessionCommand.WriteCredit;
import dev.murmur.node.session.SessionEvent.MessageEnqueued;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The outbound side of a session: the bounded queue, the inflight window with its packet ids,
 * and the acknowledgements that free it. Hands messages to the attached connection only as far
 * as the client's receive maximum and the connection's write credit allow. Which connection is
 * attached (or being taken over) is the entity's business; this side asks it.
 */
final class SessionDelivery {
    private final SessionEntity entity;
    private final SessionState state;
    private final SessionServices services;
    private final SharedMembership shared;
    private final SessionMode mode;

    private int writeCredits;
    private int inflightLimit;

    SessionDelivery(SessionEntity entity, SessionState state, SessionServices services, SharedMembership shared,
                    SessionMode mode) {
        this.entity = entity;
        this.state = state;
        this.services = services;
        this.shared = shared;
        this.mode = mode;
    }

    /** A connection attached: a fresh write window, and an inflight window the client and the node allow. */
    void attached(ConnectRequest req) {
        writeCredits = services.settings().writeWindow();
        inflightLimit = Math.max(1, Math.min(req.clientReceiveMaximum(), services.settings().mqtt().maxInflight()));
    }

    /** Delivery to the attached connection starts (again): unacknowledged messages first, then the queue. */
    void resume() {
        resendInflight();
        pump();
    }

    /** The delivery-path messages (the hot ones, so they are checked first); false for any other. */
    boolean handle(ShardMessage msg) {
        if (msg instanceof Deliver m) {
            deliver(m);
        } else if (msg instanceof SessionCommand.DeliverConfirmed m) {
            deliverConfirmed(m);
        } else if (msg instanceof PubAckReceived m) {
            pubAck(m);
        } else if (msg instanceof WriteCredit m) {
            writeCredit(m);
        } else if (msg instanceof PubRecReceived m) {
            pubRec(m);
        } else if (msg instanceof PubCompReceived m) {
            pubComp(m);
        } else if (msg instanceof SessionCommand.DeliveryDropped m) {
            deliveryDropped(m);
        } else if (msg instanceof RetainedFound m) {
            retainedFound(m);
        } else if (msg instanceof SessionCommand.DeliverShared m) {
            deliverShared(m);
        } else {
            return false;
        }
        return true;
    }

    private void deliver(Deliver d) {
        if (!entity.exists()) {
            return; // a route that outlived its session; the hub was already told
        }
        enqueue(new QueuedMessage(d.message(), d.qos(), d.retainAsPublished() && d.message().retain(),
                d.subscriptionIdentifiers()));
        pump();
    }

    /** A hand-off the publisher waits on: store it once, then confirm (every copy, so retries settle). */
    private void deliverConfirmed(SessionCommand.DeliverConfirmed dc) {
        Deliver d = dc.deliver();
        if (entity.exists() && !state.storedHandOff(dc.handOffId())) {
            enqueue(new QueuedMessage(d.message(), d.qos(), d.retainAsPublished() && d.message().retain(),
                    d.subscriptionIdentifiers()), dc.handOffId());
            pump();
        }
        ActorRef<ConnectionOutput> to = dc.confirmTo();
        ConnectionOutput.SessionConfirmed confirmed = new ConnectionOutput.SessionConfirmed(dc.handOffId(), dc.shard(),
                dc.attempt());
        mode.afterStored(() -> to.tell(confirmed));
    }

    /** A shared subscription group chose this session; bounced when the subscription is gone. */
    private void deliverShared(SessionCommand.DeliverShared d) {
        if (!entity.exists() || !state.subscriptions().containsKey(d.shareFilter())) {
            shared.bounce(d.message(), d.shareFilter());
            return;
        }
        enqueue(new QueuedMessage(d.message(), d.qos(), d.retainAsPublished() && d.message().retain(),
                d.subscriptionIdentifiers(), d.shareFilter()));
        pump();
    }

    private void retainedFound(RetainedFound found) {
        List<Integer> ids = found.subscriptionIdentifier() == null ? List.of() : List.of(found.subscriptionIdentifier());
        long now = System.currentTimeMillis();
        for (RoutedMessage m : found.messages()) {
            if (MessageExpiry.isExpired(m, now)) {
                continue; // MQTT-3.3.2-5
            }
            // MQTT-3.3.1-8 / 3.1.1 MQTT-3.3.1-8: messages sent for a new subscription keep RETAIN set
            enqueue(new QueuedMessage(m, QoS.min(m.qos(), found.maxQos()), true, ids));
        }
        pump();
    }

    private void enqueue(QueuedMessage m) {
        enqueue(m, 0);
    }

    /** Bounded queue: drop the oldest QoS 0 first, then refuse the newest; both counted. */
    private void enqueue(QueuedMessage m, long handOffId) {
        if (entity.connection() == null && m.qos() == QoS.AT_MOST_ONCE
                && !services.settings().mqtt().queueQos0Offline()) {
            services.metrics().increment(Counter.MESSAGES_DROPPED_QOS0_OFFLINE);
            services.metrics().messages().dropped(DropReason.QOS0_OFFLINE, m.qos());
            return;
        }
        if (m.qos() == QoS.AT_MOST_ONCE && state.queuedCount() > 0 && services.metrics().overloaded().get()) {
            // Above the memory high-water mark a client with a backlog is a slow consumer: shed its QoS 0 first.
            services.metrics().increment(Counter.MESSAGES_DROPPED_OVERLOAD);
            services.metrics().messages().dropped(DropReason.OVERLOAD, m.qos());
            return;
        }
        if (state.queuedCount() >= services.settings().mqtt().maxQueuedMessages()) {
            services.metrics().increment(Counter.MESSAGES_DROPPED_QUEUE_FULL);
            services.metrics().messages().dropped(DropReason.QUEUE_FULL,
                    state.queuedQos0() == 0 ? m.qos() : QoS.AT_MOST_ONCE);
            if (state.queuedQos0() == 0) {
                return; // nothing cheaper to give up: refuse the newest
            }
            apply(SessionEvent.OldestQos0Dropped.INSTANCE);
        }
        apply(handOffId == 0 ? new MessageEnqueued(m) : new SessionEvent.MessageStored(m, handOffId));
    }

    /** Hands queued messages to the connection while credit and the inflight window allow. */
    private void pump() {
        if (entity.replaced() != null) {
            return; // resumed in order once the takeover settles
        }
        long now = System.currentTimeMillis();
        ActorRef<ConnectionOutput> connection = entity.connection();
        while (connection != null && writeCredits > 0) {
            QueuedMessage head = state.peekQueued();
            if (head == null) {
                return;
            }
            if (MessageExpiry.isExpired(head.message(), now)) {
                apply(SessionEvent.QueuedHeadExpired.INSTANCE); // MQTT-3.3.2-5
                services.metrics().increment(Counter.MESSAGES_EXPIRED);
                services.metrics().messages().dropped(DropReason.EXPIRED, head.qos());
                continue;
            }
            int packetId = 0;
            if (head.qos() != QoS.AT_MOST_ONCE) {
                if (state.inflightCount() >= inflightLimit) {
                    return;
                }
                packetId = state.nextFreePacketId();
                if (packetId == 0) {
                    return;
                }
            }
            apply(new SessionEvent.MessageSent(packetId));
            if (!head.retain()) { // retained copies sent on subscribe would measure their age, not latency
                services.metrics().deliveryLatency().observeSince(head.message().receivedAtMicros());
            }
            tell(connection, new Outgoing(publishOf(head, packetId, false, now)));
            writeCredits--;
        }
    }

    /** MQTT-4.4.0-1: on a resumed session, unacknowledged PUBLISH and PUBREL are re-sent in order. */
    private void resendInflight() {
        long now = System.currentTimeMillis();
        ActorRef<ConnectionOutput> connection = entity.connection();
        for (SessionState.Inflight f : state.inflight()) {
            if (f.received()) {
                tell(connection, new OutgoingPubRel(f.packetId()));
            } else {
                tell(connection, new Outgoing(publishOf(f.message(), f.packetId(), true, now)));
            }
            writeCredits--;
        }
    }

    private static Publish publishOf(QueuedMessage m, int packetId, boolean dup, long now) {
        RoutedMessage msg = m.message();
        Properties props = MessageExpiry.forwarded(msg, now); // MQTT-3.3.2-6
        if (!m.subscriptionIdentifiers().isEmpty()) {
            Properties.Builder b = props.toBuilder();
            m.subscriptionIdentifiers().forEach(b::subscriptionIdentifier);
            props = b.build();
        }
        return new Publish(msg.topic(), m.qos(), m.retain(), dup, packetId, msg.payload(), props);
    }

    private void pubAck(PubAckReceived ack) {
        SessionState.Inflight f = state.inflight(ack.packetId());
        if (acksFrom(ack.connection()) && f != null && f.message().qos() == QoS.AT_LEAST_ONCE) {
            apply(new SessionEvent.MessageAcknowledged(ack.packetId()));
            pump();
        }
    }

    private void pubRec(PubRecReceived rec) {
        SessionState.Inflight f = state.inflight(rec.packetId());
        if (acksFrom(rec.connection()) && f != null && f.message().qos() == QoS.EXACTLY_ONCE) {
            apply(new SessionEvent.MessageReceived(rec.packetId()));
            ActorRef<ConnectionOutput> connection = entity.connection();
            if (entity.replaced() == null && connection != null) { // else the resume re-sends the PUBREL
                tell(connection, new OutgoingPubRel(rec.packetId()));
                writeCredits--;
            }
        }
    }

    private void pubComp(PubCompReceived comp) {
        SessionState.Inflight f = state.inflight(comp.packetId());
        if (acksFrom(comp.connection()) && f != null && f.received()) {
            apply(new SessionEvent.MessageAcknowledged(comp.packetId()));
            pump();
        }
    }

    private void deliveryDropped(SessionCommand.DeliveryDropped dropped) {
        if (dropped.connection().equals(entity.connection()) && state.inflight(dropped.packetId()) != null) {
            apply(new SessionEvent.MessageAcknowledged(dropped.packetId()));
            pump();
        }
    }

    private void writeCredit(WriteCredit credit) {
        if (credit.connection().equals(entity.connection())) {
            writeCredits += credit.count();
            pump();
        }
    }

    /** Acks of the current connection, and the last ones of a connection being taken over. */
    private boolean acksFrom(ActorRef<ConnectionOutput> from) {
        return from.equals(entity.connection()) || from.equals(entity.replaced());
    }

    /** Changes the state; a persistent session journals the event before any effect of this command runs. */
    private void apply(SessionEvent event) {
        state.apply(event);
        mode.applied(event);
    }

    /** Tells the connection once the events so far are stored. */
    private void tell(ActorRef<ConnectionOutput> to, ConnectionOutput message) {
        mode.afterStored(() -> to.tell(message));
    }
}
