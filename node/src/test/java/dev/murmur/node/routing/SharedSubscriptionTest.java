package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PahoV5;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shared subscriptions {@code $share/{group}/{filter}} (MQTT 5.0 4.8.2): each message goes to
 * one member of the group, across shards, connected members first; unacknowledged messages of
 * a member whose session ends go to another member; no retained messages on subscribe.
 */
class SharedSubscriptionTest {
    private static final int SHARDS = 16;
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.sessions.number-of-shards = " + SHARDS);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Client ids whose sessions live in different shards than each other and than the group. */
    private static List<String> idsInDistinctShards(String prefix, String shareFilter, int n) {
        ShardLayout layout = new ShardLayout(SHARDS);
        Set<Integer> used = new HashSet<>();
        used.add(layout.shardOf(shareFilter));
        List<String> ids = new ArrayList<>();
        while (ids.size() < n) {
            String id = Clients.id(prefix);
            if (used.add(layout.shardOf(id))) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Mqtt5BlockingClient publisher() {
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        pub.connect();
        return pub;
    }

    @Test
    void eachMessageGoesToExactlyOneMemberRoundRobinAcrossShards() throws Exception {
        String topic = "jobs/" + Clients.id("t");
        String share = "$share/workers/" + topic;
        List<String> ids = idsInDistinctShards("member", share, 3);
        List<Mqtt5BlockingClient> members = new ArrayList<>();
        List<Mqtt5BlockingClient.Mqtt5Publishes> inboxes = new ArrayList<>();
        for (String id : ids) {
            Mqtt5BlockingClient m = Clients.v5(port, id);
            m.connect();
            inboxes.add(m.publishes(MqttGlobalPublishFilter.ALL));
            assertThat(m.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_1);
            members.add(m);
        }
        Mqtt5BlockingClient pub = publisher();
        int messages = 30;
        for (int i = 0; i < messages; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) i}).send();
        }
        Set<Integer> seen = new HashSet<>();
        for (Mqtt5BlockingClient.Mqtt5Publishes inbox : inboxes) {
            for (int i = 0; i < messages / ids.size(); i++) { // round robin over three connected members
                Mqtt5Publish p = inbox.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertThat(seen.add((int) p.getPayloadAsBytes()[0])).isTrue(); // never twice (4.8.2)
            }
            assertThat(inbox.receive(200, TimeUnit.MILLISECONDS)).isEmpty();
        }
        assertThat(seen).hasSize(messages);
        pub.disconnect();
        inboxes.forEach(Mqtt5BlockingClient.Mqtt5Publishes::close);
        members.forEach(Mqtt5BlockingClient::disconnect);
    }

    @Test
    void sharedAndOrdinarySubscriptionsEachGetTheirCopy() throws Exception {
        String topic = "mix/" + Clients.id("t");
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("both"));
        c.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter("$share/g/" + topic).qos(MqttQos.AT_LEAST_ONCE).send();
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
            // the shared subscription is its own subscription: one copy for it, one for the ordinary one
            assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent();
            assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent();
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            pub.disconnect();
        }
        c.disconnect();
    }

    @Test
    void retainedMessagesAreNotSentOnSharedSubscribe() throws Exception {
        String topic = "ret/" + Clients.id("t");
        Mqtt5BlockingClient pub = publisher();
        pub.publishWith().topic(topic).retain(true).payload(new byte[] {1}).send();
        Mqtt5BlockingClient watcher = Clients.v5(port, Clients.id("w"));
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes w = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter(topic).send();
            assertThat(w.receive(5, TimeUnit.SECONDS)).isPresent(); // the retained message is stored
        }
        watcher.disconnect();
        Mqtt5BlockingClient m = Clients.v5(port, Clients.id("m"));
        m.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = m.publishes(MqttGlobalPublishFilter.ALL)) {
            m.subscribeWith().topicFilter("$share/g/" + topic).send();
            // MQTT 5.0 4.8.2: retained messages are not sent to a shared subscription on subscribe
            assertThat(inbox.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
            pub.publishWith().topic(topic).payload(new byte[] {2}).send();
            assertThat(inbox.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).containsExactly(2);
        }
        m.disconnect();
        pub.disconnect();
    }

    @Test
    void unacknowledgedMessagesGoToAnotherMemberWhenASessionEnds() throws Exception {
        String topic = "redeliver/" + Clients.id("t");
        String share = "$share/g/" + topic;
        List<String> ids = idsInDistinctShards("m", share, 2);
        RawClient slow = new RawClient(port, MqttVersion.V5); // joins first: the round robin starts here
        slow.send(RawClient.connectV5(ids.get(0), Properties.EMPTY)); // session ends with the connection
        slow.expect(ConnAck.class);
        slow.send(new Subscribe(1, List.of(Subscription.of(share, QoS.AT_LEAST_ONCE)), Properties.EMPTY));
        slow.expect(SubAck.class);
        Mqtt5BlockingClient other = Clients.v5(port, ids.get(1));
        other.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = other.publishes(MqttGlobalPublishFilter.ALL)) {
            other.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {7}).send();
            Publish held = slow.expect(Publish.class); // chosen, never acknowledged
            assertThat(held.payload()).containsExactly(7);
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            slow.close(); // its session ends with the message unacknowledged
            Mqtt5Publish again = inbox.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(again.getPayloadAsBytes()).containsExactly(7); // re-sent to the other member (4.8.2)
            pub.disconnect();
        }
        other.disconnect();
    }

    @Test
    void connectedMembersArePreferredOverDisconnectedOnes() throws Exception {
        String topic = "pref/" + Clients.id("t");
        String share = "$share/g/" + topic;
        String sleeperId = Clients.id("sleeper");
        Mqtt5BlockingClient sleeper = Clients.v5(port, sleeperId);
        sleeper.connectWith().sessionExpiryInterval(300).send();
        sleeper.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send();
        sleeper.disconnect(); // still a member: its session lives on
        Mqtt5BlockingClient awake = Clients.v5(port, Clients.id("awake"));
        awake.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = awake.publishes(MqttGlobalPublishFilter.ALL)) {
            awake.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = publisher();
            for (int i = 0; i < 4; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) i}).send();
            }
            for (int i = 0; i < 4; i++) {
                assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent();
            }
            pub.disconnect();
        }
        awake.disconnect();
        Mqtt5BlockingClient back = Clients.v5(port, sleeperId);
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = back.publishes(MqttGlobalPublishFilter.ALL)) {
            back.connectWith().cleanStart(false).send();
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty(); // nothing was parked with it
        }
        back.disconnectWith().sessionExpiryInterval(0).send();
    }

    @Test
    void leavingTheGroupStopsDelivery() throws Exception {
        String topic = "leave/" + Clients.id("t");
        String share = "$share/g/" + topic;
        Mqtt5BlockingClient a = Clients.v5(port, Clients.id("a"));
        a.connect();
        Mqtt5BlockingClient b = Clients.v5(port, Clients.id("b"));
        b.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inA = a.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes inB = b.publishes(MqttGlobalPublishFilter.ALL)) {
            a.subscribeWith().topicFilter(share).send();
            b.subscribeWith().topicFilter(share).send();
            a.unsubscribeWith().topicFilter(share).send();
            Mqtt5BlockingClient pub = publisher();
            for (int i = 0; i < 3; i++) {
                pub.publishWith().topic(topic).payload(new byte[] {(byte) i}).send();
            }
            for (int i = 0; i < 3; i++) {
                assertThat(inB.receive(5, TimeUnit.SECONDS)).isPresent();
            }
            assertThat(inA.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            pub.disconnect();
        }
        a.disconnect();
        b.disconnect();
    }

    @Test
    void pahoV5MemberSharesWithAHiveMqMember() throws Exception {
        String topic = "paho/" + Clients.id("t");
        String share = "$share/mixed/" + topic;
        try (PahoV5 paho = new PahoV5(port, Clients.id("paho"))) {
            paho.connect();
            paho.client().subscribe(new String[] {share}, new int[] {1});
            Mqtt5BlockingClient hive = Clients.v5(port, Clients.id("hive"));
            hive.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes inbox = hive.publishes(MqttGlobalPublishFilter.ALL)) {
                hive.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send();
                Mqtt5BlockingClient pub = publisher();
                for (int i = 0; i < 10; i++) {
                    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) i}).send();
                }
                Set<Integer> got = new HashSet<>();
                await().atMost(Duration.ofSeconds(5)).until(() -> {
                    PahoV5.Received r;
                    while ((r = paho.inbox().poll()) != null) {
                        got.add((int) r.message().getPayload()[0]);
                    }
                    var h = inbox.receive(10, TimeUnit.MILLISECONDS);
                    h.ifPresent(p -> got.add((int) p.getPayloadAsBytes()[0]));
                    return got.size() == 10;
                });
                pub.disconnect();
            }
            hive.disconnect();
        }
    }

    /** A raw v5 member of {@code share} with the given session expiry, subscribed at {@code qos}. */
    private static RawClient rawMember(String id, String share, QoS qos, long expiry, boolean cleanStart)
            throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(new dev.murmur.protocol.packet.Connect(MqttVersion.V5, id, cleanStart, 60, null, null, null,
                Properties.builder().sessionExpiryInterval(expiry).build()));
        c.expect(ConnAck.class);
        if (cleanStart) {
            c.send(new Subscribe(1, List.of(Subscription.of(share, qos)), Properties.EMPTY));
            c.expect(SubAck.class);
        }
        return c;
    }

    @Test
    void eachMembersGrantedQosIsRespected() throws Exception {
        String topic = "grant/" + Clients.id("t");
        try (RawClient m = rawMember(Clients.id("q0"), "$share/g/" + topic, QoS.AT_MOST_ONCE, 0, true)) {
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {1}).send();
            assertThat(m.expect(Publish.class).qos()).isEqualTo(QoS.AT_MOST_ONCE); // MQTT-4.8.2-3
            pub.disconnect();
        }
    }

    @Test
    void interruptedQos2DeliveryCompletesWithTheSameMemberAndGoesNowhereElse() throws Exception {
        String topic = "qos2/" + Clients.id("t");
        String share = "$share/g/" + topic;
        String firstId = Clients.id("first");
        RawClient first = rawMember(firstId, share, QoS.EXACTLY_ONCE, 60, true);
        Mqtt5BlockingClient other = Clients.v5(port, Clients.id("other"));
        other.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = other.publishes(MqttGlobalPublishFilter.ALL)) {
            other.subscribeWith().topicFilter(share).qos(MqttQos.EXACTLY_ONCE).send();
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {5}).send();
            Publish p = first.expect(Publish.class); // the round robin starts with the first member
            first.close(); // connection breaks before PUBREC
            // MQTT-4.8.2-4: the delivery completes with that member when it comes back
            RawClient back = rawMember(firstId, share, QoS.EXACTLY_ONCE, 0, false);
            Publish again = back.expect(Publish.class);
            assertThat(again.packetId()).isEqualTo(p.packetId());
            assertThat(again.dup()).isTrue();
            // MQTT-4.8.2-5: now its session ends (expiry 0) with the message still unacknowledged:
            // the QoS 2 message is not sent to the other member
            back.close();
            assertThat(inbox.receive(700, TimeUnit.MILLISECONDS)).isEmpty();
            pub.disconnect();
        }
        other.disconnect();
    }

    @Test
    void negativeAcknowledgementDiscardsTheMessageForTheWholeGroup() throws Exception {
        String topic = "nack/" + Clients.id("t");
        String share = "$share/g/" + topic;
        RawClient refuser = rawMember(Clients.id("refuser"), share, QoS.AT_LEAST_ONCE, 0, true);
        Mqtt5BlockingClient other = Clients.v5(port, Clients.id("other"));
        other.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = other.publishes(MqttGlobalPublishFilter.ALL)) {
            other.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = publisher();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {6}).send();
            Publish p = refuser.expect(Publish.class);
            refuser.send(new dev.murmur.protocol.packet.PubAck(p.packetId(),
                    dev.murmur.protocol.ReasonCode.UNSPECIFIED_ERROR, Properties.EMPTY));
            refuser.close(); // its session ends: nothing unacknowledged is left to give back
            // MQTT-4.8.2-6 / MQTT-4.4.0-2: a PUBACK >= 0x80 acknowledges; no other member gets it
            assertThat(inbox.receive(700, TimeUnit.MILLISECONDS)).isEmpty();
            pub.disconnect();
        }
        other.disconnect();
    }
}
