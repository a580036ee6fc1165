package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.murmur.protocol.property.Properties;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QoS 1/2 packet-id lifecycles across duplicates and reconnects, checked byte-level. */
class RedeliveryTest {
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

    private static RawClient subscriber(String id, boolean cleanStart, String topic, QoS qos) throws IOException {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(new Connect(MqttVersion.V5, id, cleanStart, 60, null, null, null,
                Properties.builder().sessionExpiryInterval(300L).build()));
        assertThat(c.read()).isInstanceOf(ConnAck.class);
        if (topic != null) {
            c.send(new Subscribe(1, List.of(Subscription.of(topic, qos)), Properties.EMPTY));
            assertThat(c.read()).isInstanceOf(SubAck.class);
        }
        return c;
    }

    private static RawClient publisher() throws IOException {
        RawClient p = new RawClient(port, MqttVersion.V5);
        p.send(RawClient.connect(MqttVersion.V5, Clients.id("pub")));
        assertThat(p.read()).isInstanceOf(ConnAck.class);
        return p;
    }

    @Test
    void inboundQos2IsDeliveredOnceUntilPubrel() throws Exception {
        String topic = Clients.id("qos2dup");
        RawClient sub = subscriber(Clients.id("sub"), true, topic, QoS.EXACTLY_ONCE);
        RawClient pub = publisher();
        Publish first = new Publish(topic, QoS.EXACTLY_ONCE, false, false, 5, new byte[] {7}, Properties.EMPTY);
        pub.send(first);
        assertThat(pub.read()).isInstanceOf(PubRec.class);
        // MQTT-4.3.3-10, MQTT-4.3.3-8 (v5: 4.3.3): the re-sent PUBLISH with DUP is acknowledged, not delivered again
        pub.send(new Publish(topic, QoS.EXACTLY_ONCE, false, true, 5, new byte[] {7}, Properties.EMPTY));
        assertThat(pub.read()).isInstanceOf(PubRec.class);
        pub.send(PubRel.of(5));
        assertThat(pub.read()).isEqualTo(PubComp.of(5));

        Publish delivered = (Publish) sub.read();
        assertThat(delivered.payload()).containsExactly(7);
        sub.send(PubRec.of(delivered.packetId()));
        assertThat(sub.read()).isEqualTo(PubRel.of(delivered.packetId()));
        sub.send(PubComp.of(delivered.packetId()));
        pub.send(new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, new byte[] {8}, Properties.EMPTY));
        // the next thing the subscriber sees is the following message, not a duplicate of the first
        assertThat(((Publish) sub.read()).payload()).containsExactly(8);
        pub.close();
        sub.close();
    }

    /**
     * The session keeps an inbound QoS 2 id with the hand-off id it was routed under. A PUBLISH
     * re-sent on a new connection (the session may have moved before PUBREC) is routed again
     * under that id: a subscriber that stored it already does not get it twice, one that missed
     * it gets it.
     */
    @Test
    void inboundQos2ResentOnANewConnectionIsRoutedAgainButDeliveredOnce() throws Exception {
        String topic = Clients.id("qos2move");
        String pubId = Clients.id("pub");
        RawClient early = subscriber(Clients.id("early"), true, topic, QoS.EXACTLY_ONCE);
        RawClient pub = subscriber(pubId, true, null, null);
        pub.send(new Publish(topic, QoS.EXACTLY_ONCE, false, false, 5, new byte[] {7}, Properties.EMPTY));
        assertThat(pub.read()).isInstanceOf(PubRec.class);
        pub.close(); // as if PUBREC was lost with the connection: the client re-sends the PUBLISH
        Publish first = (Publish) early.read();
        assertThat(first.payload()).containsExactly(7);
        early.send(PubRec.of(first.packetId()));
        assertThat(early.read()).isEqualTo(PubRel.of(first.packetId()));
        early.send(PubComp.of(first.packetId()));

        RawClient late = subscriber(Clients.id("late"), true, topic, QoS.EXACTLY_ONCE);
        RawClient again = subscriber(pubId, false, null, null);
        again.send(new Publish(topic, QoS.EXACTLY_ONCE, false, true, 5, new byte[] {7}, Properties.EMPTY));
        assertThat(again.read()).isEqualTo(PubRec.of(5));
        again.send(PubRel.of(5));
        assertThat(again.read()).isEqualTo(PubComp.of(5));

        assertThat(((Publish) late.read()).payload()).containsExactly(7); // routed again: nothing is lost
        again.send(new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, new byte[] {8}, Properties.EMPTY));
        // MQTT-4.3.3-10 (v5 4.3.3): no duplicate to an onward recipient; the next message follows
        assertThat(((Publish) early.read()).payload()).containsExactly(8);
        early.close();
        late.close();
        again.close();
    }

    @Test
    void pubrelForAnUnknownIdIsAnsweredWith0x92() throws Exception {
        RawClient pub = publisher();
        pub.send(PubRel.of(99));
        PubComp comp = (PubComp) pub.read();
        assertThat(comp.packetId()).isEqualTo(99);
        assertThat(comp.reasonCode()).isEqualTo(ReasonCode.PACKET_IDENTIFIER_NOT_FOUND); // MQTT-4.3.3-11 (v5)
        assertThat(comp.properties().reasonString()).isNotBlank(); // the client allowed problem information
        pub.close();
    }

    @Test
    void unacknowledgedQos1IsResentWithDupOnReconnect() throws Exception {
        String id = Clients.id("resend");
        String topic = Clients.id("resend-topic");
        RawClient sub = subscriber(id, true, topic, QoS.AT_LEAST_ONCE);
        RawClient pub = publisher();
        pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, false, false, 1, new byte[] {1}, Properties.EMPTY));
        assertThat(pub.read()).isInstanceOf(PubAck.class);
        Publish first = (Publish) sub.read();
        assertThat(first.dup()).isFalse();
        sub.close(); // no PUBACK

        RawClient again = subscriber(id, false, null, null);
        // MQTT-4.4.0-1: resent with the original packet id; MQTT-3.3.1-1: DUP set on the re-delivery (MQTT-2.2.1-4)
        Publish resent = (Publish) again.read();
        assertThat(resent.packetId()).isEqualTo(first.packetId());
        assertThat(resent.dup()).isTrue();
        assertThat(resent.payload()).containsExactly(1);
        again.send(PubAck.of(resent.packetId()));
        assertNothingMore(again);
        again.close();
        pub.close();
    }

    @Test
    void releasedQos2ResumesWithPubrelOnReconnect() throws Exception {
        String id = Clients.id("rel");
        String topic = Clients.id("rel-topic");
        RawClient sub = subscriber(id, true, topic, QoS.EXACTLY_ONCE);
        RawClient pub = publisher();
        pub.send(new Publish(topic, QoS.AT_LEAST_ONCE, false, false, 1, new byte[] {2}, Properties.EMPTY));
        assertThat(pub.read()).isInstanceOf(PubAck.class);
        Publish got = (Publish) sub.read();
        assertThat(got.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
        sub.send(PubAck.of(got.packetId()));

        pub.send(new Publish(topic, QoS.EXACTLY_ONCE, false, false, 2, new byte[] {3}, Properties.EMPTY));
        assertThat(pub.read()).isInstanceOf(PubRec.class);
        pub.send(PubRel.of(2));
        assertThat(pub.read()).isInstanceOf(PubComp.class);
        Publish q2 = (Publish) sub.read();
        sub.send(PubRec.of(q2.packetId()));
        assertThat(sub.read()).isEqualTo(PubRel.of(q2.packetId()));
        sub.close(); // PUBCOMP never sent

        RawClient again = subscriber(id, false, null, null);
        // MQTT-4.4.0-1, MQTT-4.3.3-6: after PUBREC, the resumed session re-sends PUBREL, not the PUBLISH (MQTT-4.3.3-5)
        assertThat(again.read()).isEqualTo(PubRel.of(q2.packetId()));
        again.send(PubComp.of(q2.packetId()));
        assertNothingMore(again);
        again.close();
        pub.close();
    }

    private static void assertNothingMore(RawClient c) throws IOException {
        c.send(dev.murmur.protocol.packet.PingReq.INSTANCE);
        assertThat(c.read()).isEqualTo(dev.murmur.protocol.packet.PingResp.INSTANCE);
    }
}
