package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The QoS 0/1/2 delivery protocols of MQTT 5.0 4.3 and 4.4, both directions, on the wire. */
class QosFlowTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A raw v5 client; {@code cleanStart} false resumes; {@code expiry} keeps the session. */
    private static RawClient client(String id, boolean cleanStart, long expiry) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(new Connect(MqttVersion.V5, id, cleanStart, 60, null, null, null,
                Properties.builder().sessionExpiryInterval(expiry).build()));
        c.expect(ConnAck.class);
        return c;
    }

    private static void subscribe(RawClient c, String filter, QoS qos) throws Exception {
        c.send(new Subscribe(1, List.of(Subscription.of(filter, qos)), Properties.EMPTY));
        c.expect(SubAck.class);
    }

    private static Publish publish(String topic, QoS qos, int id, int payload, Properties props) {
        return new Publish(topic, qos, false, false, id, new byte[] {(byte) payload}, props);
    }

    @Test
    void qos0IsSentOnceWithoutIdentifierOrDup() throws Exception {
        String topic = "q0/" + Clients.id("t");
        try (RawClient sub = client(Clients.id("s"), true, 0); RawClient pub = client(Clients.id("p"), true, 0)) {
            subscribe(sub, topic, QoS.EXACTLY_ONCE);
            pub.send(publish(topic, QoS.AT_MOST_ONCE, 0, 1, Properties.EMPTY));
            Publish p = sub.expect(Publish.class);
            assertThat(p.qos()).isEqualTo(QoS.AT_MOST_ONCE); // MQTT-4.3.1-1
            assertThat(p.dup()).isFalse();
            assertThat(p.packetId()).isZero(); // MQTT-2.2.1-2
        }
    }

    @Test
    void qos1SenderKeepsTheMessageUntilPubAck() throws Exception {
        String id = Clients.id("s1");
        String topic = "q1/" + id;
        RawClient sub = client(id, true, 60);
        subscribe(sub, topic, QoS.AT_LEAST_ONCE);
        try (RawClient pub = client(Clients.id("p"), true, 0)) {
            pub.send(publish(topic, QoS.AT_LEAST_ONCE, 5, 1, Properties.EMPTY));
            pub.expect(PubAck.class);
            // MQTT-4.3.2-5: after our PUBACK the same packet id is a new message
            pub.send(publish(topic, QoS.AT_LEAST_ONCE, 5, 2, Properties.EMPTY));
            assertThat(pub.expect(PubAck.class).packetId()).isEqualTo(5); // MQTT-3.3.4-1
        }
        Publish first = sub.expect(Publish.class);
        Publish second = sub.expect(Publish.class);
        assertThat(second.payload()).containsExactly(2);
        // MQTT-4.3.2-1, MQTT-4.3.2-2: unused non-zero ids, QoS 1, DUP 0
        assertThat(first.packetId()).isNotZero().isNotEqualTo(second.packetId());
        assertThat(first.dup()).isFalse();
        sub.send(PubAck.of(second.packetId()));
        sub.close(); // first stays unacknowledged (MQTT-4.3.2-3)
        try (RawClient back = client(id, false, 0)) {
            Publish again = back.expect(Publish.class);
            assertThat(again.packetId()).isEqualTo(first.packetId());
            assertThat(again.dup()).isTrue();
            assertThat(back.poll(Duration.ofMillis(300))).isNull(); // the acknowledged one is not re-sent
        }
    }

    @Test
    void qos2SenderRunsPubRecPubRelPubComp() throws Exception {
        String id = Clients.id("s2");
        String topic = "q2/" + id;
        RawClient sub = client(id, true, 60);
        subscribe(sub, topic, QoS.EXACTLY_ONCE);
        try (RawClient pub = client(Clients.id("p"), true, 0)) {
            pub.send(publish(topic, QoS.EXACTLY_ONCE, 1, 1, Properties.EMPTY));
            pub.expect(PubRec.class);
            pub.send(PubRel.of(1));
            pub.expect(PubComp.class);
        }
        Publish p = sub.expect(Publish.class);
        assertThat(p.qos()).isEqualTo(QoS.EXACTLY_ONCE); // MQTT-4.3.3-1, MQTT-4.3.3-2
        assertThat(p.dup()).isFalse();
        sub.close(); // no PUBREC: unacknowledged (MQTT-4.3.3-3)
        RawClient back = client(id, false, 60);
        Publish again = back.expect(Publish.class);
        assertThat(again.packetId()).isEqualTo(p.packetId());
        back.send(PubRec.of(p.packetId()));
        PubRel rel = back.expect(PubRel.class); // MQTT-4.3.3-4: same id
        assertThat(rel.packetId()).isEqualTo(p.packetId());
        assertThat(rel.reasonCode()).isEqualTo(ReasonCode.SUCCESS); // MQTT-3.6.2-1
        back.close(); // no PUBCOMP: the PUBREL stays unacknowledged (MQTT-4.3.3-5)
        try (RawClient last = client(id, false, 0)) {
            assertThat(last.expect(PubRel.class).packetId()).isEqualTo(p.packetId());
            last.send(PubComp.of(p.packetId()));
            assertThat(last.poll(Duration.ofMillis(300))).isNull(); // MQTT-4.3.3-6: never the PUBLISH again
        }
    }

    @Test
    void qos2ReceiverTreatsAnIdAsNewAfterPubComp() throws Exception {
        String topic = "q2in/" + Clients.id("t");
        try (RawClient sub = client(Clients.id("s"), true, 0); RawClient pub = client(Clients.id("p"), true, 0)) {
            subscribe(sub, topic, QoS.AT_MOST_ONCE);
            for (int round = 1; round <= 2; round++) {
                pub.send(publish(topic, QoS.EXACTLY_ONCE, 7, round, Properties.EMPTY));
                PubRec rec = pub.expect(PubRec.class);
                assertThat(rec.packetId()).isEqualTo(7); // MQTT-4.3.3-8
                assertThat(rec.reasonCode()).isEqualTo(ReasonCode.SUCCESS); // MQTT-3.5.2-1
                pub.send(PubRel.of(7));
                PubComp comp = pub.expect(PubComp.class);
                assertThat(comp.reasonCode()).isEqualTo(ReasonCode.SUCCESS); // MQTT-3.7.2-1
            }
            // MQTT-4.3.3-12: after PUBCOMP the same id was a new message: both were delivered
            assertThat(sub.expect(Publish.class).payload()).containsExactly(1);
            assertThat(sub.expect(Publish.class).payload()).containsExactly(2);
        }
    }

    @Test
    void expiryStopsNeitherAStartedDeliveryNorAnInboundQos2Exchange() throws Exception {
        String id = Clients.id("exp");
        String topic = "qexp/" + id;
        RawClient sub = client(id, true, 60);
        subscribe(sub, topic, QoS.AT_LEAST_ONCE);
        RawClient pub = client(Clients.id("p"), true, 0);
        Properties oneSecond = Properties.builder().messageExpiryInterval(1L).build();
        pub.send(publish(topic, QoS.EXACTLY_ONCE, 3, 1, oneSecond));
        pub.expect(PubRec.class);
        Publish started = sub.expect(Publish.class); // delivery started; never acknowledged
        sub.close();
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true); // expiry passes
        pub.send(PubRel.of(3));
        // MQTT-4.3.3-13: the QoS 2 acknowledgement continues although the message expired
        assertThat(pub.expect(PubComp.class).packetId()).isEqualTo(3);
        pub.close();
        try (RawClient back = client(id, false, 0)) {
            Publish again = back.expect(Publish.class); // MQTT-4.3.3-7: no expiry once the PUBLISH was sent
            assertThat(again.packetId()).isEqualTo(started.packetId());
            assertThat(again.properties().messageExpiryInterval()).isZero(); // what is left of it
        }
    }

    @Test
    void negativePubAckCountsAsAcknowledged() throws Exception {
        String id = Clients.id("nack");
        String topic = "qnack/" + id;
        RawClient sub = client(id, true, 60);
        subscribe(sub, topic, QoS.AT_LEAST_ONCE);
        try (RawClient pub = client(Clients.id("p"), true, 0)) {
            pub.send(publish(topic, QoS.AT_LEAST_ONCE, 1, 1, Properties.EMPTY));
            pub.expect(PubAck.class);
        }
        Publish p = sub.expect(Publish.class);
        sub.send(new PubAck(p.packetId(), ReasonCode.UNSPECIFIED_ERROR, Properties.EMPTY));
        sub.close();
        try (RawClient back = client(id, false, 0)) {
            assertThat(back.poll(Duration.ofMillis(500))).isNull(); // MQTT-4.4.0-2: never retransmitted
        }
    }

    @Test
    void sessionIsKeptWhileTheConnectionIsOpenWhateverItsExpiry() throws Exception {
        String topic = "qkeep/" + Clients.id("t");
        try (RawClient sub = client(Clients.id("keep"), true, 1)) {
            subscribe(sub, topic, QoS.AT_LEAST_ONCE);
            await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
            try (RawClient pub = client(Clients.id("p"), true, 0)) {
                pub.send(publish(topic, QoS.AT_LEAST_ONCE, 1, 1, Properties.EMPTY));
                pub.expect(PubAck.class);
            }
            assertThat(sub.expect(Publish.class).topic()).isEqualTo(topic); // MQTT-4.1.0-1
        }
    }

    @Test
    void startedDeliveriesCompleteAfterUnsubscribe() throws Exception {
        String id = Clients.id("unsub");
        String topic = "qunsub/" + id;
        RawClient sub = client(id, true, 60);
        subscribe(sub, topic, QoS.AT_LEAST_ONCE);
        try (RawClient pub = client(Clients.id("p"), true, 0)) {
            pub.send(publish(topic, QoS.AT_LEAST_ONCE, 1, 1, Properties.EMPTY));
            pub.expect(PubAck.class);
        }
        Publish p = sub.expect(Publish.class);
        sub.send(new Unsubscribe(2, List.of(topic), Properties.EMPTY));
        sub.expect(UnsubAck.class);
        sub.close();
        try (RawClient back = client(id, false, 0)) {
            // MQTT-3.10.4-3: the QoS 1 delivery started before UNSUBSCRIBE is completed
            assertThat(back.expect(Publish.class).packetId()).isEqualTo(p.packetId());
        }
    }
}
