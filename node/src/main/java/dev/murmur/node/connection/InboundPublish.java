package dev.murmur.node.connection;

import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters;
import dev.murmur.node.metrics.WallClock;
import dev.murmur.node.routing.PublishRouter;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.routing.ShardSet;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;

/**
 * The publisher side of a connection: accept a PUBLISH, route it, and run the QoS 1/2
 * acknowledgement flows (MQTT 5.0 4.3), including QoS 2 de-duplication until PUBREL.
 */
final class InboundPublish {
    private InboundPublish() {
    }

    static void handle(ConnectionLogic c, Publish received) {
        Publish p = PublishChecks.accept(c, received); // aliases, Maximum QoS, Retain Available, UTF-8
        if (p == null) {
            return;
        }
        ReasonCode refusal = c.guard().checkPublish(p.topic());
        if (refusal != null) {
            refuse(c, p, refusal);
            return;
        }
        switch (p.qos()) {
            case AT_MOST_ONCE -> route(c, p);
            case AT_LEAST_ONCE -> handOff(c, p, c.handOffs().newId());
            case EXACTLY_ONCE -> exactlyOnce(c, p);
        }
    }

    /**
     * Routes a QoS 1/2 PUBLISH and acknowledges it only once every matching shard hub and every
     * matching session confirmed it stored (journaled, for a persistent session): an acknowledged
     * message survives a crash of this node (see docs/architecture.md, durability).
     */
    private static void handOff(ConnectionLogic c, Publish p, long id) {
        count(c, p);
        RoutedMessage msg = message(c, p);
        HandOffs handOffs = c.handOffs();
        ShardSet shards = c.services().router().routeConfirmed(msg, id, c.self());
        if (shards.isEmpty() && !msg.retain()) {
            acknowledge(c, p.packetId(), p.qos(), 0);
            return;
        }
        handOffs.add(id, p.packetId(), p.qos(), msg, shards, System.nanoTime());
        c.handOffStarted();
    }

    /** A hub's count or a session's confirmation arrived for one of this connection's hand-offs. */
    static void confirmed(ConnectionLogic c, ConnectionOutput msg) {
        HandOffs.Pending done = msg instanceof ConnectionOutput.HubConfirmed h ? c.handOffs().hubConfirmed(h)
                : c.handOffs().sessionConfirmed((ConnectionOutput.SessionConfirmed) msg);
        if (done != null) {
            c.services().metrics().handOffNanos(System.nanoTime() - done.startedNanos);
            acknowledge(c, done.packetId, done.qos,
                    done.shards.size() - (done.message.retain() ? 1 : 0)); // 0x10 counts subscribers only
        }
    }

    /** Re-sends the parts of hand-offs whose confirmations did not all arrive in time (at least once). */
    static void retryDue(ConnectionLogic c) {
        PublishRouter router = c.services().router();
        for (HandOffs.Retry r : c.handOffs().due(System.nanoTime(), router.handOffTimeout().toNanos())) {
            c.services().metrics().increment(Counter.HAND_OFF_RETRIES);
            router.resend(r.shard(), r.pending().message, r.pending().id, r.attempt(), c.self());
        }
    }

    /** MQTT-4.3.2-2 (PUBACK) / MQTT-4.3.3-2 (PUBREC; the session kept the id awaiting PUBREL before routing). */
    private static void acknowledge(ConnectionLogic c, int packetId, QoS qos, int shards) {
        if (qos == QoS.AT_LEAST_ONCE) {
            c.send(new PubAck(packetId, ackCode(c, shards), Properties.EMPTY), false);
            return;
        }
        c.inboundQos2().add(packetId);
        c.send(new PubRec(packetId, ackCode(c, shards), Properties.EMPTY), false);
    }

    /** The session kept the inbound QoS 2 id and its hand-off id: now route it. */
    static void recorded(ConnectionLogic c, ConnectionOutput.InboundQos2Recorded r) {
        HandOffs.Accepted accepted = c.handOffs().recorded(r.packetId());
        if (accepted != null) {
            handOff(c, accepted.publish(), accepted.handOffId());
        }
    }

    /**
     * MQTT-4.3.3-2/-3: the first PUBLISH with a packet id is delivered once; until PUBREL, a
     * re-sent PUBLISH with the same id is only acknowledged again.
     *
     * <p>The session keeps the id with a fresh hand-off id before the message is routed. If the
     * session moves (its node died, shards rebalanced) before PUBREC, the client re-sends on a new
     * connection, which routes the copy again under the kept hand-off id: subscriber sessions that
     * stored the first copy recognise the id and only confirm, so the message is delivered once.
     */
    private static void exactlyOnce(ConnectionLogic c, Publish p) {
        HandOffs handOffs = c.handOffs();
        if (handOffs.waitingFor(p.packetId()) || handOffs.awaitingRecord(p.packetId())) {
            return; // a re-sent copy while the first is being stored or routed: its PUBREC follows
        }
        long resumed = handOffs.takeResumed(p.packetId());
        if (resumed != 0) {
            handOff(c, p, resumed); // accepted by an earlier connection; perhaps not routed everywhere
            return;
        }
        if (c.inboundQos2().contains(p.packetId())) {
            c.send(new PubRec(p.packetId(), ReasonCode.SUCCESS, Properties.EMPTY), false);
            return;
        }
        if (c.inboundQos2().size() + handOffs.size() + handOffs.awaitingRecordCount()
                >= c.services().settings().mqtt().receiveMaximum()) {
            c.protocolViolation(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "too many unreleased QoS 2 messages");
            return;
        }
        long id = handOffs.newId();
        handOffs.awaitRecord(p.packetId(), p, id);
        c.session().tell(new SessionCommand.InboundQos2Stored(c.self(), p.packetId(), id));
    }

    /**
     * A PUBLISH the client may not send (not authorised, topic too deep): dropped and counted.
     * v5 learns why from PUBACK / PUBREC with the reason (MQTT 5.0 3.4.2.1, 4.3.3); a 3.1.1
     * client gets a positive acknowledgement, as MQTT-3.3.5-2 allows, so it does not resend.
     */
    private static void refuse(ConnectionLogic c, Publish p, ReasonCode refusal) {
        c.services().metrics().messages().dropped(refusal == ReasonCode.NOT_AUTHORIZED
                ? MessageCounters.DropReason.NOT_AUTHORIZED : MessageCounters.DropReason.REFUSED, p.qos());
        ReasonCode code = c.version().isV5() ? refusal : ReasonCode.SUCCESS;
        switch (p.qos()) {
            case AT_MOST_ONCE -> { }
            case AT_LEAST_ONCE -> c.send(new PubAck(p.packetId(), code, Properties.EMPTY), false);
            // 3.1.1: the PUBREL that follows finds no id and is answered PUBCOMP all the same
            case EXACTLY_ONCE -> c.send(new PubRec(p.packetId(), code, Properties.EMPTY), false);
        }
    }

    static void release(ConnectionLogic c, PubRel rel) {
        boolean known = c.inboundQos2().remove(rel.packetId());
        c.handOffs().takeResumed(rel.packetId()); // the client saw PUBREC: no re-send will come
        if (known) {
            c.session().tell(new SessionCommand.InboundQos2Released(c.self(), rel.packetId()));
        }
        ReasonCode code = known || !c.version().isV5() ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
        c.send(new PubComp(rel.packetId(), code, code.isError() ? c.negotiated().problem("unknown packet identifier")
                : Properties.EMPTY), false); // MQTT-4.3.3-11
    }

    private static int route(ConnectionLogic c, Publish p) {
        count(c, p);
        int shards = c.services().router().route(message(c, p), c.self());
        c.routesSent(shards);
        return shards;
    }

    private static void count(ConnectionLogic c, Publish p) {
        c.services().metrics().increment(Counter.MESSAGES_RECEIVED);
        c.services().metrics().messages().published(p.qos());
    }

    private static RoutedMessage message(ConnectionLogic c, Publish p) {
        Properties props = p.properties();
        if (props.has(PropertyId.TOPIC_ALIAS)) {
            props = props.toBuilder().topicAlias(null).build();
        }
        long micros = WallClock.micros();
        return new RoutedMessage(p.topic(), p.payload(), p.qos(), p.retain(), props, c.clientId(), micros / 1_000,
                micros);
    }

    /** v5 tells a publisher when nobody was subscribed (0x10, still a success code). */
    private static ReasonCode ackCode(ConnectionLogic c, int shards) {
        return shards == 0 && c.version().isV5() ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS;
    }
}
