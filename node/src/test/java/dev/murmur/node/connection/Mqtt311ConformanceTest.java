package dev.murmur.node.connection;

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
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
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
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MQTT 3.1.1 behaviour on the wire, where it differs from 5.0 or needs its own proof: sessions
 * by Clean Session, wills, retained messages, SUBSCRIBE/UNSUBSCRIBE, QoS flows and errors that
 * close the connection instead of a DISCONNECT. Plain TCP (3.1.1 MQTT-7.1.1-1), no extension
 * needed by the client (3.1.1 MQTT-7.0.0-2).
 */
class Mqtt311ConformanceTest {
    private static final MqttVersion V311 = MqttVersion.V3_1_1;
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

    private static RawClient client(String id, boolean cleanSession, Will will, int keepAlive) throws Exception {
        RawClient c = new RawClient(port, V311);
        c.send(new Connect(V311, id, cleanSession, keepAlive, null, null, will, Properties.EMPTY));
        ConnAck ack = c.expect(ConnAck.class); // 3.1.1 MQTT-3.2.0-1: CONNACK comes first
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS); // 3.1.1 MQTT-3.1.4-4
        return c;
    }

    private static RawClient client(String id, boolean cleanSession) throws Exception {
        return client(id, cleanSession, null, 60);
    }

    private static ConnAck connAck(String id, boolean cleanSession) throws Exception {
        try (RawClient c = new RawClient(port, V311)) {
            c.send(new Connect(V311, id, cleanSession, 60, null, null, null, Properties.EMPTY));
            ConnAck ack = c.expect(ConnAck.class);
            c.send(Disconnect.NORMAL);
            assertThat(c.isClosedByServer()).isTrue();
            return ack;
        }
    }

    private static void subscribe(RawClient c, int packetId, String filter, QoS qos) throws Exception {
        c.send(new Subscribe(packetId, List.of(Subscription.of(filter, qos)), Properties.EMPTY));
        assertThat(c.expect(SubAck.class).packetId()).isEqualTo(packetId);
    }

    private static void publishQos1(String topic, int payload, boolean retain) throws Exception {
        try (RawClient pub = client(Clients.id("pub"), true)) {
            pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, retain, false, 1, new byte[] {(byte) payload},
                    Properties.EMPTY));
            assertThat(pub.expect(PubAck.class).packetId()).isEqualTo(1); // 3.1.1 MQTT-2.3.1-6
        }
    }

    @Test
    void cleanSessionDecidesWhetherTheSessionOutlivesTheConnection() throws Exception {
        String id = Clients.id("cs");
        // 3.1.1 MQTT-3.2.2-3: nothing stored yet; 3.1.1 MQTT-3.1.4-3: Clean Session processing
        assertThat(connAck(id, false).sessionPresent()).isFalse();
        assertThat(connAck(id, false).sessionPresent()).isTrue(); // 3.1.1 MQTT-3.2.2-2, 3.1.1 MQTT-4.1.0-1
        // 3.1.1 MQTT-3.2.2-1, 3.1.1 MQTT-3.1.2-6: Clean Session 1 discards it, Session Present 0
        assertThat(connAck(id, true).sessionPresent()).isFalse();
        assertThat(connAck(id, false).sessionPresent()).isFalse(); // the clean session did not survive
        connAck(id, true);
    }

    @Test
    void persistentSessionStoresQos1And2WhileDisconnectedAndResendsInOrder() throws Exception {
        String id = Clients.id("store");
        String topic = "v311/store/" + id;
        RawClient sub = client(id, false);
        subscribe(sub, 1, topic, QoS.EXACTLY_ONCE);
        sub.send(new Disconnect(ReasonCode.NORMAL_DISCONNECTION, Properties.EMPTY));
        // Publish only once the server has let the connection go: a message routed while it still
        // counted as attached would be sent to the closing socket and come back with DUP set.
        assertThat(sub.isClosedByServer()).isTrue();
        sub.close();
        for (int i = 1; i <= 3; i++) {
            publishQos1(topic, i, false); // 3.1.1 MQTT-3.1.2-5: stored for the offline session
        }
        RawClient back = client(id, false);
        Publish first = back.expect(Publish.class);
        Publish second = back.expect(Publish.class);
        Publish third = back.expect(Publish.class);
        assertThat(List.of(first.payload()[0], second.payload()[0], third.payload()[0])).containsExactly(
                (byte) 1, (byte) 2, (byte) 3); // 3.1.1 MQTT-4.6.0-5, 3.1.1 MQTT-4.6.0-6: in publish order
        // 3.1.1 MQTT-2.3.1-4, 3.1.1 MQTT-4.3.2-1: unused non-zero ids, QoS 1, DUP 0
        assertThat(List.of(first.packetId(), second.packetId(), third.packetId())).doesNotContain(0)
                .doesNotHaveDuplicates();
        assertThat(first.dup()).isFalse();
        back.send(PubAck.of(second.packetId()));
        back.close(); // first and third stay unacknowledged
        try (RawClient again = client(id, false)) {
            Publish r1 = again.expect(Publish.class);
            Publish r3 = again.expect(Publish.class);
            // 3.1.1 MQTT-4.4.0-1, 3.1.1 MQTT-4.6.0-1: re-sent with their ids, DUP set, in the original order
            assertThat(r1.packetId()).isEqualTo(first.packetId());
            assertThat(r3.packetId()).isEqualTo(third.packetId());
            assertThat(r1.dup()).isTrue(); // 3.1.1 MQTT-3.3.1-1
            again.send(PubAck.of(r1.packetId()));
            again.send(PubAck.of(r3.packetId()));
            again.send(new Unsubscribe(2, List.of(topic), Properties.EMPTY));
            again.expect(UnsubAck.class);
        }
        connAck(id, true);
    }

    @Test
    void qos2FlowsBothWays() throws Exception {
        String topic = "v311/q2/" + Clients.id("t");
        try (RawClient sub = client(Clients.id("s"), true); RawClient pub = client(Clients.id("p"), true)) {
            subscribe(sub, 1, topic, QoS.EXACTLY_ONCE);
            pub.send(new Publish(topic, QoS.EXACTLY_ONCE, false, false, 9, new byte[] {1}, Properties.EMPTY));
            assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(9); // 3.1.1 MQTT-4.3.3-2, 3.1.1 MQTT-3.3.4-1
            pub.send(new Publish(topic, QoS.EXACTLY_ONCE, false, true, 9, new byte[] {1}, Properties.EMPTY));
            assertThat(pub.expect(PubRec.class).packetId()).isEqualTo(9); // acknowledged again, not delivered again
            pub.send(PubRel.of(9));
            assertThat(pub.expect(PubComp.class).packetId()).isEqualTo(9);
            Publish p = sub.expect(Publish.class);
            assertThat(p.qos()).isEqualTo(QoS.EXACTLY_ONCE); // 3.1.1 MQTT-4.3.3-1
            sub.send(PubRec.of(p.packetId()));
            assertThat(sub.expect(PubRel.class).packetId()).isEqualTo(p.packetId()); // 3.1.1 MQTT-2.3.1-6
            sub.send(PubComp.of(p.packetId()));
            assertThat(sub.poll(Duration.ofMillis(300))).isNull(); // exactly once
            pub.send(new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, new byte[] {2}, Properties.EMPTY));
            Publish q0 = sub.expect(Publish.class);
            assertThat(q0.qos()).isEqualTo(QoS.AT_MOST_ONCE); // 3.1.1 MQTT-4.3.1-1, 3.1.1 MQTT-2.3.1-5
            assertThat(q0.packetId()).isZero();
            // 3.1.1 MQTT-4.3.2-2: after PUBACK the same id is a new publication
            pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, false, false, 9, new byte[] {3}, Properties.EMPTY));
            pub.expect(PubAck.class);
            pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, false, true, 9, new byte[] {4}, Properties.EMPTY));
            pub.expect(PubAck.class);
            assertThat(sub.expect(Publish.class).payload()).containsExactly(3);
            Publish fourth = sub.expect(Publish.class);
            assertThat(fourth.payload()).containsExactly(4);
            assertThat(fourth.dup()).isFalse(); // 3.1.1 MQTT-3.3.1-3: the incoming DUP is not propagated
        }
    }

    @Test
    void willIsPublishedOnlyWhenTheConnectionEndsWithoutDisconnect() throws Exception {
        String topic = "v311/will/" + Clients.id("t");
        try (RawClient watcher = client(Clients.id("w"), true)) {
            subscribe(watcher, 1, topic, QoS.AT_LEAST_ONCE);
            client(Clients.id("dies"), true, new Will(topic, new byte[] {1}, QoS.AT_LEAST_ONCE, false,
                    Properties.EMPTY), 60).close(); // 3.1.1 MQTT-3.1.2-8: closed without DISCONNECT
            Publish w = watcher.expect(Publish.class);
            assertThat(w.retain()).isFalse(); // 3.1.1 MQTT-3.1.2-16
            RawClient polite = client(Clients.id("polite"), true, new Will(topic, new byte[] {2}, QoS.AT_LEAST_ONCE,
                    false, Properties.EMPTY), 60);
            polite.send(Disconnect.NORMAL); // 3.1.1 MQTT-3.14.4-3, 3.1.1 MQTT-3.1.2-10: the will is discarded
            assertThat(polite.isClosedByServer()).isTrue();
            polite.close();
            client(Clients.id("nowill"), true).close(); // 3.1.1 MQTT-3.1.2-12: no will, nothing published
            assertThat(watcher.poll(Duration.ofMillis(500))).isNull();
            client(Clients.id("keeps"), true, new Will(topic + "/r", new byte[] {3}, QoS.AT_MOST_ONCE, true,
                    Properties.EMPTY), 60).close();
        }
        try (RawClient late = client(Clients.id("late"), true)) {
            subscribe(late, 1, topic + "/r", QoS.AT_MOST_ONCE);
            assertThat(late.expect(Publish.class).retain()).isTrue(); // 3.1.1 MQTT-3.1.2-17: a retained will
        }
    }

    @Test
    void retainedMessagesFollowThe311Rules() throws Exception {
        String topic = "v311/ret/" + Clients.id("t");
        publishQos1(topic, 1, true); // 3.1.1 MQTT-3.3.1-5: stored
        String ownerId = Clients.id("owner");
        client(ownerId, true).close(); // 3.1.1 MQTT-3.1.2-7: retained messages outlive sessions
        try (RawClient c = client(Clients.id("sub"), true)) {
            subscribe(c, 1, topic, QoS.AT_LEAST_ONCE);
            Publish r = c.expect(Publish.class);
            // 3.1.1 MQTT-3.3.1-6, 3.1.1 MQTT-3.3.1-8: the retained message, RETAIN 1, on a new subscription
            assertThat(r.retain()).isTrue();
            c.send(PubAck.of(r.packetId()));
            subscribe(c, 2, topic, QoS.AT_LEAST_ONCE); // 3.1.1 MQTT-3.8.4-3: replaced, retained re-sent
            c.send(PubAck.of(c.expect(Publish.class).packetId()));
            try (RawClient pub = client(Clients.id("pub"), true)) {
                pub.send(new Publish(topic, QoS.AT_MOST_ONCE, true, false, 0, new byte[] {2}, Properties.EMPTY));
                Publish live = c.expect(Publish.class);
                assertThat(live.retain()).isFalse(); // 3.1.1 MQTT-3.3.1-9: established subscription
                pub.send(new Publish(topic, QoS.AT_MOST_ONCE, true, false, 0, new byte[0], Properties.EMPTY));
                assertThat(c.expect(Publish.class).payload()).isEmpty(); // 3.1.1 MQTT-3.3.1-10: still delivered
            }
        }
        try (RawClient late = client(Clients.id("late"), true)) {
            subscribe(late, 1, topic, QoS.AT_LEAST_ONCE);
            // 3.1.1 MQTT-3.3.1-7: the QoS 0 message replaced the first;
            // 3.1.1 MQTT-3.3.1-10, 3.1.1 MQTT-3.3.1-11: the zero-byte one removed it and was not stored
            assertThat(late.poll(Duration.ofMillis(500))).isNull();
        }
    }

    @Test
    void subscribeAndUnsubscribeAnswerPerFilterInOrder() throws Exception {
        String base = "v311/sub/" + Clients.id("t");
        try (RawClient c = client(Clients.id("s"), true)) {
            c.send(new Subscribe(7, List.of(Subscription.of(base + "/a", QoS.EXACTLY_ONCE),
                    Subscription.of(base + "/+", QoS.AT_MOST_ONCE), Subscription.of("$share/g/" + base, QoS.AT_LEAST_ONCE)),
                    Properties.EMPTY));
            SubAck ack = c.expect(SubAck.class);
            // 3.1.1 MQTT-3.8.4-1, 3.1.1 MQTT-3.8.4-2, 3.1.1 MQTT-2.3.1-7, 3.1.1 MQTT-3.8.4-4, 3.1.1 MQTT-3.8.4-5, 3.1.1 MQTT-3.9.3-1:
            // one SUBACK, same id, a granted QoS per filter in order (3.1.1 MQTT-3.9.3-2: only 0, 1, 2, 0x80)
            assertThat(ack.packetId()).isEqualTo(7);
            assertThat(ack.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_2, ReasonCode.GRANTED_QOS_0,
                    ReasonCode.GRANTED_QOS_1);
            try (RawClient pub = client(Clients.id("p"), true)) {
                pub.send(new Publish(base + "/a", QoS.EXACTLY_ONCE, false, false, 1, new byte[] {1}, Properties.EMPTY));
                pub.expect(PubRec.class);
                pub.send(PubRel.of(1));
                pub.expect(PubComp.class);
                Publish p = c.expect(Publish.class);
                // 3.1.1 MQTT-3.3.5-1: "/a" (QoS 2) and "/+" (QoS 0) overlap: one copy at QoS 2;
                // 3.1.1 MQTT-3.8.4-6: min(published 2, granted 2)
                assertThat(p.qos()).isEqualTo(QoS.EXACTLY_ONCE);
                assertThat(p.topic()).isEqualTo(base + "/a"); // 3.1.1 MQTT-3.3.2-3
                c.send(PubRec.of(p.packetId()));
                c.expect(PubRel.class);
                c.send(PubComp.of(p.packetId()));
                c.send(new Unsubscribe(8, List.of(base + "/+", base + "/#"), Properties.EMPTY));
                // 3.1.1 MQTT-3.10.4-4, 3.1.1 MQTT-3.10.4-5, 3.1.1 MQTT-3.10.4-6: one UNSUBACK with the id,
                // even though "/#" removed nothing (3.1.1 MQTT-3.10.4-1: exact comparison)
                assertThat(c.expect(UnsubAck.class).packetId()).isEqualTo(8);
                pub.send(new Publish(base + "/b", QoS.AT_MOST_ONCE, false, false, 0, new byte[] {2}, Properties.EMPTY));
                assertThat(c.poll(Duration.ofMillis(300))).isNull(); // 3.1.1 MQTT-3.10.4-2
            }
            c.send(PingReq.INSTANCE);
            assertThat(c.read()).isEqualTo(PingResp.INSTANCE); // 3.1.1 MQTT-3.12.4-1
        }
    }

    @Test
    void startedDeliveryCompletesAfterUnsubscribe() throws Exception {
        String id = Clients.id("u");
        String topic = "v311/unsub/" + id;
        RawClient c = client(id, false);
        subscribe(c, 1, topic, QoS.AT_LEAST_ONCE);
        publishQos1(topic, 1, false);
        Publish p = c.expect(Publish.class);
        c.send(new Unsubscribe(2, List.of(topic), Properties.EMPTY));
        c.expect(UnsubAck.class);
        c.close();
        try (RawClient back = client(id, false)) {
            assertThat(back.expect(Publish.class).packetId()).isEqualTo(p.packetId()); // 3.1.1 MQTT-3.10.4-3
            back.send(PubAck.of(p.packetId()));
        }
        connAck(id, true);
    }

    @Test
    void connectRefusalsAndErrorsClose() throws Exception {
        try (RawClient c = new RawClient(port, V311)) {
            c.send(new Connect(V311, "x".repeat(300), true, 60, null, null, null, Properties.EMPTY));
            ConnAck ack = c.expect(ConnAck.class);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID); // 3.1.1 MQTT-3.1.3-9
            assertThat(ack.sessionPresent()).isFalse(); // 3.1.1 MQTT-3.2.2-4
            assertThat(c.isClosedByServer()).isTrue(); // 3.1.1 MQTT-3.2.2-5
        }
        try (RawClient c = new RawClient(port, V311)) {
            c.send(new Connect(V311, "Az09Az09Az09Az09Az09Az0", true, 60, null, null, null, Properties.EMPTY));
            assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS); // 3.1.1 MQTT-3.1.3-5
        }
        try (RawClient c = new RawClient(port, V311)) {
            // a CONNECT with the reserved flag set: no return code fits, so no CONNACK (3.1.1 MQTT-3.2.2-6)
            c.sendBytes(0x10, 0x0D, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x03, 0, 60, 0, 1, 'x');
            assertThat(c.readUntilClosed(Duration.ofSeconds(5))).isEmpty();
        }
        String topic = "v311/refused/" + Clients.id("t");
        try (RawClient sub = client(Clients.id("watch"), true)) {
            subscribe(sub, 1, topic, QoS.AT_MOST_ONCE);
            try (RawClient bad = new RawClient(port, V311)) {
                ByteBuffer connect = dev.murmur.protocol.codec.MqttEncoder.encode(new Connect(V311, "", false, 60, null,
                        null, null, Properties.EMPTY), V311); // empty id without Clean Session: refused
                ByteBuffer publish = dev.murmur.protocol.codec.MqttEncoder.encode(new Publish(topic, QoS.AT_MOST_ONCE,
                        false, false, 0, new byte[] {1}, Properties.EMPTY), V311);
                bad.sendRaw(ByteBuffer.allocate(connect.remaining() + publish.remaining()).put(connect).put(publish)
                        .array());
                assertThat(bad.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
                assertThat(bad.isClosedByServer()).isTrue();
            }
            assertThat(sub.poll(Duration.ofMillis(300))).isNull(); // 3.1.1 MQTT-3.1.4-5: the PUBLISH was ignored
        }
    }

    @Test
    void keepAliveOfOneAndAHalfPeriodsClosesTheConnection() throws Exception {
        RawClient idle = client(Clients.id("idle"), true, null, 1);
        long start = System.nanoTime();
        assertThat(idle.readUntilClosed(Duration.ofSeconds(5))).isEmpty(); // 3.1.1 MQTT-3.1.2-24: a close, no packet
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
        idle.close();
    }

    @Test
    void sessionLastsAtLeastAsLongAsItsConnection() throws Exception {
        String topic = "v311/live/" + Clients.id("t");
        try (RawClient c = client(Clients.id("live"), true)) {
            subscribe(c, 1, topic, QoS.AT_LEAST_ONCE);
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
            publishQos1(topic, 1, false);
            assertThat(c.expect(Publish.class).topic()).isEqualTo(topic); // 3.1.1 MQTT-4.1.0-2
        }
    }
}
