package dev.murmur.node.session;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.routing.SharedGroupCommand;
import dev.murmur.node.routing.SharedGroups;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Subscription;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The session side of shared subscriptions (MQTT 5.0 4.8.2): joins and leaves groups, tells them
 * when the client connects or goes away (connected members are preferred), and when the
 * session ends hands every message a group chose for it and the client has not acknowledged
 * back to that group, which picks another member.
 */
final class SharedMembership {
    private final String clientId;
    private final SessionState state;
    private final SessionServices services;
    private final ActorRef<ShardMessage> self;

    SharedMembership(String clientId, SessionState state, SessionServices services, ActorRef<ShardMessage> self) {
        this.clientId = clientId;
        this.state = state;
        this.services = services;
        this.self = self;
    }

    /** Joins (or re-joins with new options) the group of {@code s}; the group answers SubscriptionsRouted. */
    void join(Subscription s, Integer subscriptionIdentifier, int packetId) {
        SharedGroups.ref(services.sharding(), s.topicFilter()).tell(new SharedGroupCommand.Join(clientId, s.maxQos(),
                s.retainAsPublished(), subscriptionIdentifier, packetId, true, self));
    }

    void leave(String shareFilter) {
        SharedGroups.ref(services.sharding(), shareFilter).tell(new SharedGroupCommand.Leave(clientId));
    }

    /** The client connected or disconnected; every group of this session learns it. */
    void connectionChanged(boolean online) {
        for (String filter : state.subscriptions().keySet()) {
            if (SharedGroups.isShared(filter)) {
                SharedGroups.ref(services.sharding(), filter)
                        .tell(new SharedGroupCommand.MemberStatus(clientId, online));
            }
        }
    }

    /** A group chose this session for a message it cannot take: back to the group. */
    void bounce(RoutedMessage message, String shareFilter) {
        SharedGroups.ref(services.sharding(), shareFilter).tell(new SharedGroupCommand.Redeliver(message, clientId));
    }

    /**
     * The session ends (expiry, clean start, or with its connection): leave every group, then give
     * back what the groups chose for it and the client has not acknowledged: queued QoS 1/2
     * messages (delivery never started) and inflight QoS 1 messages without PUBACK (MQTT 5.0
     * 4.8.2: "SHOULD send to another member"). An inflight QoS 2 message is not given back: its
     * delivery started, and MQTT-4.8.2-5 forbids sending it to any other member.
     */
    void sessionEnding() {
        List<String> groups = new ArrayList<>();
        for (String filter : state.subscriptions().keySet()) {
            if (SharedGroups.isShared(filter)) {
                groups.add(filter);
                leave(filter);
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        for (SessionState.Inflight f : state.inflight()) {
            if (f.message().qos() == QoS.AT_LEAST_ONCE) {
                giveBack(f.message());
            }
        }
        for (QueuedMessage m : state.queued()) {
            if (m.qos() != QoS.AT_MOST_ONCE) {
                giveBack(m);
            }
        }
    }

    private void giveBack(QueuedMessage m) {
        if (m.sharedGroup() != null) {
            bounce(m.message(), m.sharedGroup());
        }
    }
}
