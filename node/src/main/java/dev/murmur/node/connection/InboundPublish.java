package dev.murmur.node.connection;

import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters;
import dev.murmur.node.metrics.WallClock;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.SessionCommand;
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
            case AT_LEAST_ONCE -> {
                int shards = route(c, p);
                c.send(new PubAck(p.packetId(), ackCode(c, shards), Properties.EMPTY), false); // MQTT-4.3.2-2
            }
            case EXACTLY_ONCE -> exactlyOnce(c, p);
        }
    }

    /**
     * MQTT-4.3.3-2/-3: the first PUBLISH with a packet id is delivered once; until PUBREL, a
     * re-sent PUBLISH with the same id is only acknowledged again.
     */
    private static void exactlyOnce(ConnectionLogic c, Publish p) {
        if (c.inboundQos2().contains(p.packetId())) {
            c.send(new PubRec(p.packetId(), ReasonCode.SUCCESS, Properties.EMPTY), false);
            return;
        }
        if (c.inboundQos2().size() >= c.services().settings().mqtt().receiveMaximum()) {
            c.protocolViolation(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "too many unreleased QoS 2 messages");
            return;
        }
        int shards = route(c, p);
        c.inboundQos2().add(p.packetId());
        c.session().tell(new SessionCommand.InboundQos2Stored(c.self(), p.packetId()));
        c.send(new PubRec(p.packetId(), ackCode(c, shards), Properties.EMPTY), false);
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
        if (known) {
            c.session().tell(new SessionCommand.InboundQos2Released(c.self(), rel.packetId()));
        }
        ReasonCode code = known || !c.version().isV5() ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
        c.send(new PubComp(rel.packetId(), code, code.isError() ? c.negotiated().problem("unknown packet identifier")
                : Properties.EMPTY), false); // MQTT-4.3.3-11
    }

    private static int route(ConnectionLogic c, Publish p) {
        c.services().metrics().increment(Counter.MESSAGES_RECEIVED);
        c.services().metrics().messages().published(p.qos());
        Properties props = p.properties();
        if (props.has(PropertyId.TOPIC_ALIAS)) {
            props = props.toBuilder().topicAlias(null).build();
        }
        long micros = WallClock.micros();
        int shards = c.services().router().route(new RoutedMessage(p.topic(), p.payload(), p.qos(), p.retain(), props,
                c.clientId(), micros / 1_000, micros), c.self());
        c.routesSent(shards);
        return shards;
    }

    /** v5 tells a publisher when nobody was subscribed (0x10, still a success code). */
    private static ReasonCode ackCode(ConnectionLogic c, int shards) {
        return shards == 0 && c.version().isV5() ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS;
    }
}
