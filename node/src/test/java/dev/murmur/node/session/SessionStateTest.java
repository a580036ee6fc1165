package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.SessionEvent.InboundQos2Released;
import dev.murmur.node.session.SessionEvent.InboundQos2Stored;
import dev.murmur.node.session.SessionEvent.MessageAcknowledged;
import dev.murmur.node.session.SessionEvent.MessageEnqueued;
import dev.murmur.node.session.SessionEvent.MessageReceived;
import dev.murmur.node.session.SessionEvent.MessageSent;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session state changes only through events, deterministically. */
class SessionStateTest {
    private static QueuedMessage msg(QoS qos, String payload) {
        return new QueuedMessage(new RoutedMessage("t", payload.getBytes(), qos, false, Properties.EMPTY, "p", 0L), qos,
                false, List.of());
    }

    @Test
    void sentQos1MessageIsInflightUntilAcknowledged() {
        SessionState s = new SessionState();
        s.apply(new MessageEnqueued(msg(QoS.AT_LEAST_ONCE, "a")));
        int id = s.nextFreePacketId();
        s.apply(new MessageSent(id));
        assertThat(s.queuedCount()).isZero();
        assertThat(s.inflight(id)).isNotNull();
        s.apply(new MessageAcknowledged(id));
        assertThat(s.inflightCount()).isZero();
    }

    @Test
    void qos2PassesThroughReceivedBeforeCompletion() {
        SessionState s = new SessionState();
        s.apply(new MessageEnqueued(msg(QoS.EXACTLY_ONCE, "a")));
        s.apply(new MessageSent(7));
        s.apply(new MessageReceived(7));
        assertThat(s.inflight(7).received()).isTrue();
        s.apply(new MessageAcknowledged(7));
        assertThat(s.inflight(7)).isNull();
    }

    @Test
    void qos0MessagesNeverOccupyPacketIds() {
        SessionState s = new SessionState();
        s.apply(new MessageEnqueued(msg(QoS.AT_MOST_ONCE, "a")));
        assertThat(s.queuedQos0()).isEqualTo(1);
        s.apply(new MessageSent(0));
        assertThat(s.inflightCount()).isZero();
        assertThat(s.queuedQos0()).isZero();
    }

    @Test
    void packetIdsSkipThoseInUseAndNeverUseZero() {
        SessionState s = new SessionState();
        for (int i = 0; i < 3; i++) {
            s.apply(new MessageEnqueued(msg(QoS.AT_LEAST_ONCE, "m" + i)));
            s.apply(new MessageSent(s.nextFreePacketId()));
        }
        assertThat(s.inflight()).extracting(SessionState.Inflight::packetId).containsExactly(1, 2, 3);
        assertThat(s.nextFreePacketId()).isEqualTo(4);
    }

    @Test
    void packetIdsWrapAfter65535() {
        SessionState s = new SessionState();
        s.apply(new MessageEnqueued(msg(QoS.AT_LEAST_ONCE, "last")));
        s.apply(new MessageSent(65_535));
        assertThat(s.nextFreePacketId()).isEqualTo(1); // MQTT-2.2.1-4: 0 is never used
    }

    @Test
    void oldestQos0IsDroppedFirst() {
        SessionState s = new SessionState();
        s.apply(new MessageEnqueued(msg(QoS.AT_LEAST_ONCE, "keep")));
        s.apply(new MessageEnqueued(msg(QoS.AT_MOST_ONCE, "drop")));
        s.apply(new MessageEnqueued(msg(QoS.AT_MOST_ONCE, "second")));
        s.apply(SessionEvent.OldestQos0Dropped.INSTANCE);
        assertThat(s.queuedCount()).isEqualTo(2);
        assertThat(new String(s.peekQueued().message().payload())).isEqualTo("keep");
        assertThat(s.queuedQos0()).isEqualTo(1);
    }

    @Test
    void clearingForgetsEverything() {
        SessionState s = new SessionState();
        s.apply(new SessionEvent.SubscriptionAdded(Subscription.of("a/#", QoS.AT_LEAST_ONCE), null));
        s.apply(new MessageEnqueued(msg(QoS.AT_LEAST_ONCE, "x")));
        s.apply(new InboundQos2Stored(5));
        assertThat(s.isEmpty()).isFalse();
        s.apply(SessionEvent.StateCleared.INSTANCE);
        assertThat(s.isEmpty()).isTrue();
    }

    @Test
    void inboundQos2IdsAreKeptUntilReleased() {
        SessionState s = new SessionState();
        s.apply(new InboundQos2Stored(9));
        assertThat(s.inboundQos2()).containsExactly(9);
        s.apply(new InboundQos2Released(9));
        assertThat(s.inboundQos2()).isEmpty();
    }

    @Test
    void inboundQos2HandOffIdsSurviveASnapshot() {
        SessionState s = new SessionState();
        s.apply(new InboundQos2Stored(9, -77L));
        s.apply(new InboundQos2Stored(4, 12L));
        assertThat(s.inboundQos2HandOffs()).containsEntry(9, -77L).containsEntry(4, 12L);

        SessionState restored = new SessionState();
        restored.restore(s.snapshot());
        assertThat(restored.inboundQos2HandOffs()).containsExactly(Map.entry(9, -77L), Map.entry(4, 12L));
    }

    /** A successor that recovers a session still online knows its predecessor died with a connection. */
    @Test
    void onlineFollowsConnectedAndDisconnectedAndSurvivesASnapshot() {
        SessionState s = new SessionState();
        s.apply(SessionEvent.Connected.INSTANCE);
        assertThat(s.online()).isTrue();
        SessionState restored = new SessionState();
        restored.restore(s.snapshot());
        assertThat(restored.online()).isTrue();
        s.apply(SessionEvent.Disconnected.INSTANCE);
        assertThat(s.online()).isFalse();
        restored.apply(SessionEvent.StateCleared.INSTANCE);
        assertThat(restored.online()).isFalse();
    }

    @Test
    void aSnapshotWithoutHandOffIdsRestoresIdsAsRouted() {
        SessionSnapshot old = new SessionSnapshot(List.of(), List.of(), List.of(), List.of(3, 8), 0, null, 0, 0,
                List.of());
        SessionState s = new SessionState();
        s.restore(old);
        assertThat(s.inboundQos2HandOffs()).containsExactly(Map.entry(3, 0L), Map.entry(8, 0L));
    }

    @Test
    void replayingTheSameEventsGivesTheSameState() {
        List<SessionEvent> events = List.of(
                new SessionEvent.SubscriptionAdded(Subscription.of("a", QoS.EXACTLY_ONCE), 3),
                new MessageEnqueued(msg(QoS.EXACTLY_ONCE, "1")),
                new MessageEnqueued(msg(QoS.AT_LEAST_ONCE, "2")),
                new MessageSent(1), new MessageReceived(1), new MessageSent(2), new MessageAcknowledged(2));
        SessionState a = new SessionState();
        SessionState b = new SessionState();
        events.forEach(a::apply);
        events.forEach(b::apply);
        assertThat(List.copyOf(a.inflight())).isEqualTo(List.copyOf(b.inflight()));
        assertThat(a.subscriptions()).isEqualTo(b.subscriptions());
        assertThat(a.nextFreePacketId()).isEqualTo(b.nextFreePacketId()).isEqualTo(3);
    }
}
