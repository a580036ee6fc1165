package dev.murmur.node.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node JVMs on one shared PostgreSQL journal, driven by real MQTT clients, none of
 * them failing: pub/sub, shared subscriptions, retained messages, subscribe-then-publish,
 * takeover and the cost of a fan-out, each with publisher and subscribers on different nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The example config's shard count (murmur.sessions.number-of-shards in reference.conf). */
    private static final int SHARDS = 128;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterFixture.start(dir, 3);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Mqtt5BlockingClient connect(int node, String id) {
        Mqtt5BlockingClient c = Clients.v5(cluster.mqttPort(node), id);
        c.connect();
        return c;
    }

    /** MQTT-4.6.0-6 (v5) / MQTT-4.6.0-5: per publisher and topic, order is kept across nodes, at every QoS. */
    @Test
    @Order(1)
    void everyQosCrossesNodesInPublisherOrder() {
        String base = Clients.id("order");
        int n = 300;
        Mqtt5BlockingClient sub2 = connect(2, Clients.id("sub2"));
        Mqtt5BlockingClient sub3 = connect(3, Clients.id("sub3"));
        Recorder r2 = Recorder.on(sub2);
        Recorder r3 = Recorder.on(sub3);
        sub2.subscribeWith().topicFilter(base + "/+").qos(MqttQos.EXACTLY_ONCE).send();
        sub3.subscribeWith().topicFilter(base + "/+").qos(MqttQos.EXACTLY_ONCE).send();
        Mqtt5AsyncClient pub = connect(1, Clients.id("pub")).toAsync();

        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (MqttQos q : MqttQos.values()) {
                acks.add(pub.publishWith().topic(base + "/q" + q.getCode()).qos(q).payload(Recorder.payload(i)).send());
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();

        List<Integer> expected = IntStream.range(0, n).boxed().toList();
        for (Recorder r : List.of(r2, r3)) {
            await().atMost(WAIT).until(() -> r.count() >= 3 * n);
            for (MqttQos q : MqttQos.values()) {
                assertThat(r.received(base + "/q" + q.getCode())).as("QoS %s in order", q).isEqualTo(expected);
            }
        }
        pub.disconnect().join();
        sub2.disconnect();
        sub3.disconnect();
    }

    /** MQTT 5.0 4.8.2: a shared subscription's group takes each message once, whichever node its members are on. */
    @Test
    @Order(2)
    void sharedSubscriptionDeliversEachMessageToOneMemberClusterWide() {
        String topic = Clients.id("shared") + "/t";
        String share = "$share/" + Clients.id("g") + "/" + topic;
        int n = 300;
        List<Mqtt5BlockingClient> members = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            Mqtt5BlockingClient m = connect(node, Clients.id("member" + node));
            recorders.add(Recorder.on(m));
            m.subscribeWith().topicFilter(share).qos(MqttQos.AT_LEAST_ONCE).send();
            members.add(m);
        }
        Mqtt5AsyncClient pub = connect(2, Clients.id("pub")).toAsync();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            acks.add(pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(Recorder.payload(i)).send());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();

        await().atMost(WAIT).until(() -> recorders.stream().mapToInt(r -> r.received(topic).size()).sum() >= n);
        List<Integer> all = new ArrayList<>();
        recorders.forEach(r -> all.addAll(r.received(topic)));
        assertThat(all).as("each message to exactly one member").hasSize(n).doesNotHaveDuplicates();
        assertThat(recorders).as("members on several nodes take turns")
                .filteredOn(r -> !r.received(topic).isEmpty()).hasSizeGreaterThan(1);
        pub.disconnect().join();
        members.forEach(Mqtt5BlockingClient::disconnect);
    }

    /** MQTT-3.3.1-6 / MQTT-3.3.1-9: a retained message published on one node is sent to new subscriptions on every node. */
    @Test
    @Order(3)
    void retainedMessagesAreClusterWide() {
        String topic = Clients.id("retained") + "/state";
        Mqtt5BlockingClient pub = connect(1, Clients.id("pub"));
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload("on".getBytes(UTF_8)).send();
        for (int node = 1; node <= 3; node++) {
            Mqtt5BlockingClient sub = connect(node, Clients.id("late" + node));
            Recorder r = Recorder.on(sub);
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            await().atMost(WAIT).until(() -> r.count() == 1);
            Mqtt5Publish got = r.all().get(0);
            assertThat(got.isRetain()).as("RETAIN set on node %d", node).isTrue();
            assertThat(new String(got.getPayloadAsBytes(), UTF_8)).isEqualTo("on");
            sub.disconnect();
        }
        pub.disconnect();
    }

    /**
     * Subscribe means subscribed (design.md): after the SUBACK from one node, a message published
     * at once on another node reaches the subscription — 1 000 times, zero misses.
     */
    @Test
    @Order(4)
    void subscribeThenPublishOnAnotherNodeNeverMisses() {
        int iterations = 1000;
        String base = Clients.id("sp");
        Mqtt5BlockingClient[] subs = new Mqtt5BlockingClient[3];
        Mqtt5AsyncClient[] pubs = new Mqtt5AsyncClient[3];
        Set<String> received = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            subs[i] = connect(i + 1, Clients.id("sps" + i));
            subs[i].toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL,
                    p -> received.add(p.getTopic().toString()));
            pubs[i] = connect(i + 1, Clients.id("spp" + i)).toAsync();
        }
        List<CompletableFuture<?>> acks = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            String topic = base + "/" + i;
            subs[i % 3].subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send(); // waits for SUBACK
            acks.add(pubs[(i + 1) % 3].publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload(Recorder.payload(i)).send());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= iterations);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // nothing more is coming: every publish was acknowledged long ago; say which ones missed
            List<Integer> missed = IntStream.range(0, iterations).filter(i -> !received.contains(base + "/" + i))
                    .boxed().toList();
            throw new AssertionError(missed.size() + " of " + iterations + " missed: " + missed, e);
        } finally {
            for (int i = 0; i < 3; i++) {
                subs[i].disconnect();
                pubs[i].disconnect().join();
            }
        }
        System.out.printf("subscribe-then-publish: %d iterations across nodes in %d ms, %d received%n", iterations,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), received.size());
        assertThat(received).hasSize(iterations);
    }

    /**
     * MQTT-3.1.4-3: a CONNECT with the same client id on another node takes the session over — the
     * old connection gets DISCONNECT 0x8E, the new one session present and every queued message.
     */
    @Test
    @Order(5)
    void takeoverOnAnotherNodeMovesTheSessionWithEveryQueuedMessage() throws Exception {
        String id = Clients.id("roamer");
        String topic = Clients.id("takeover") + "/t";
        int n = 50;
        RawClient old = new RawClient(cluster.mqttPort(1), MqttVersion.V5);
        old.send(new Connect(MqttVersion.V5, id, false, 60, null, null, null,
                Properties.builder().sessionExpiryInterval(3600L).receiveMaximum(10).build()));
        assertThat(old.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        old.send(new Subscribe(1, List.of(Subscription.of(topic, QoS.AT_LEAST_ONCE)), Properties.EMPTY));
        assertThat(old.expect(SubAck.class).packetId()).isEqualTo(1);
        // The old client never acknowledges: 10 messages stay inflight, the rest queued in the session.
        Mqtt5BlockingClient pub = connect(2, Clients.id("pub"));
        for (int i = 0; i < n; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(Recorder.payload(i)).send();
        }

        Mqtt5BlockingClient fresh = Clients.v5(cluster.mqttPort(3), id);
        Recorder r = Recorder.on(fresh);
        Mqtt5ConnAck ack = fresh.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();

        assertThat(ack.isSessionPresent()).isTrue();
        assertThat(disconnectReason(old)).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
        await().atMost(WAIT).until(() -> r.distinct(topic) == n);
        assertThat(r.distinctInOrder(topic)).isEqualTo(IntStream.range(0, n).boxed().toList());
        fresh.disconnectWith().sessionExpiryInterval(0).send();
        pub.disconnect();
        old.close();
    }

    /** Skips the PUBLISH packets the old connection still receives, down to its DISCONNECT. */
    private static ReasonCode disconnectReason(RawClient c) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MqttPacket p = c.read();
            if (p == null) {
                return null;
            }
            if (p instanceof Disconnect d) {
                return d.reasonCode();
            }
        }
        return null;
    }

    /**
     * A PUBLISH costs one cluster message per matching shard, never one per subscriber (issue 10):
     * 30 subscribers on three nodes, counted by every node's router and hubs (Prometheus).
     */
    @Test
    @Order(6)
    void aFanOutCostsOneEnvelopePerMatchingShard() {
        String topic = Clients.id("fanout") + "/t";
        int subscribers = 30;
        int publishes = 20;
        ShardLayout layout = new ShardLayout(SHARDS);
        List<Mqtt5BlockingClient> subs = new ArrayList<>();
        Set<Integer> shards = new HashSet<>();
        Map<String, Recorder> recorders = new HashMap<>();
        Map<Integer, Integer> nodeOfShard = new HashMap<>();
        for (int i = 0; i < subscribers; i++) {
            String id = Clients.id("fan" + i);
            shards.add(layout.shardOf(id));
            Mqtt5BlockingClient c = connect(i % 3 + 1, id);
            recorders.put(id, Recorder.on(c));
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            subs.add(c);
            nodeOfShard.put(layout.shardOf(id), cluster.sessionNode(id, 1));
        }
        long remoteShards = nodeOfShard.values().stream().filter(node -> node != 1).count();
        double routedBefore = cluster.sumOverNodes("murmur_messages_routed_total");
        double envelopesBefore = cluster.sumOverNodes("murmur_route_envelopes_sent_total");
        double remoteBefore = cluster.sumOverNodes("murmur_hub_envelopes_remote_total");
        Mqtt5BlockingClient pub = connect(1, Clients.id("pub"));
        for (int i = 0; i < publishes; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(Recorder.payload(i)).send();
        }
        await().atMost(WAIT).until(() -> recorders.values().stream().allMatch(r -> r.distinct(topic) == publishes));

        double routed = cluster.sumOverNodes("murmur_messages_routed_total") - routedBefore;
        double envelopes = cluster.sumOverNodes("murmur_route_envelopes_sent_total") - envelopesBefore;
        double remote = cluster.sumOverNodes("murmur_hub_envelopes_remote_total") - remoteBefore;
        System.out.printf("fan-out: %d subscribers in %d shards on 3 nodes: %.2f envelopes per publish, "
                + "%.2f of them to another node%n", subscribers, shards.size(), envelopes / routed, remote / routed);
        pub.disconnect();
        subs.forEach(Mqtt5BlockingClient::disconnect);
        assertThat(routed).isEqualTo(publishes);
        assertThat(envelopes / routed).as("one envelope per matching shard").isEqualTo(shards.size());
        assertThat(remote / routed).as("one per matching shard hosted on nodes 2 and 3").isEqualTo(remoteShards);
    }

    /** $SYS/broker/... gains per-node and cluster-wide counts (issue 10). */
    @Test
    @Order(7)
    void sysTopicsCountPerNodeAndClusterWide() {
        List<Mqtt5BlockingClient> extra = List.of(connect(1, Clients.id("x1")), connect(3, Clients.id("x3")));
        Mqtt5BlockingClient sub = connect(2, Clients.id("sys"));
        Map<String, String> latest = new ConcurrentHashMap<>();
        sub.toAsync().publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL,
                p -> latest.put(p.getTopic().toString(), new String(p.getPayloadAsBytes(), UTF_8)));
        sub.subscribeWith().topicFilter("$SYS/broker/cluster/#").qos(MqttQos.AT_MOST_ONCE).send();
        sub.subscribeWith().topicFilter("$SYS/broker/nodes/+/clients/connected").qos(MqttQos.AT_MOST_ONCE).send();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(latest).containsEntry("$SYS/broker/cluster/nodes", "3");
            long perNode = 0;
            for (int node = 1; node <= 3; node++) {
                String count = latest.get("$SYS/broker/nodes/node-" + node + "/clients/connected");
                assertThat(count).as("node-%d's own count", node).isNotNull();
                assertThat(Long.parseLong(count)).as("node-%d has one of ours", node).isPositive();
                perNode += Long.parseLong(count);
            }
            assertThat(latest.get("$SYS/broker/cluster/clients/connected")).isEqualTo(Long.toString(perNode));
            assertThat(Long.parseLong(latest.get("$SYS/broker/cluster/messages/received"))).isPositive();
        });
        sub.disconnect();
        extra.forEach(Mqtt5BlockingClient::disconnect);
    }
}
