package dev.murmur.node.connection;

import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Unsubscribe;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE of one connection: the filters the client may use (ACL and limits, in
 * {@link ClientGuard}) go to the session, and its answer becomes the SUBACK / UNSUBACK, with the
 * refused filters' codes merged back in.
 */
final class SubscribeFlow {
    private SubscribeFlow() {
    }

    static void subscribe(ConnectionLogic c, Subscribe s) {
        if (!s.properties().subscriptionIdentifiers().isEmpty()
                && !c.services().settings().mqtt5().subscriptionIdentifiersAvailable()) {
            c.protocolViolation(ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED,
                    "subscription identifiers are not available (MQTT 5.0 3.2.2.3.12)");
            return;
        }
        List<Subscription> admitted = c.guard().admitSubscriptions(s.packetId(), s.subscriptions());
        if (admitted.isEmpty()) { // every filter refused: the session has nothing to do
            List<ReasonCode> codes = c.guard().subAckCodes(s.packetId(), List.of());
            c.send(new SubAck(s.packetId(), codes, c.negotiated().problem(codes)), false);
            return;
        }
        c.session().tell(new SessionCommand.Subscribe(c.self(), s.packetId(), admitted,
                s.properties().subscriptionIdentifiers().isEmpty() ? null
                        : s.properties().subscriptionIdentifiers().get(0)));
    }

    static void subscribed(ConnectionLogic c, ConnectionOutput.SubscribeDone s) {
        List<ReasonCode> codes = c.guard().subAckCodes(s.packetId(), s.reasonCodes());
        c.send(new SubAck(s.packetId(), codes, c.negotiated().problem(codes)), false);
    }

    static void unsubscribe(ConnectionLogic c, Unsubscribe u) {
        c.session().tell(new SessionCommand.Unsubscribe(c.self(), u.packetId(), u.topicFilters()));
    }

    static void unsubscribed(ConnectionLogic c, ConnectionOutput.UnsubscribeDone u) {
        c.send(new UnsubAck(u.packetId(), u.reasonCodes(), c.negotiated().problem(u.reasonCodes())), false);
    }
}
