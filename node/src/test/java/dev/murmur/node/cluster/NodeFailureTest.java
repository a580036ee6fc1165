package dev.murmur.node.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.property.Properties;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node dies ({@code kill -9}) or leaves (SIGTERM) under load, on three real node JVMs with
 * restarts on (the launcher brings the node back, as systemd would): no acknowledged message is
 * lost, QoS 2 arrives exactly once, wills of devices on a dead node are published, and a leaving
 * node's clients are told 0x8B with the configured Server Reference.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SERVER_REFERENCE = "standby.example:1883";
    private static final Duration PUBLISH_PACE = Duration.ofMillis(10);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private static ClusterFixture cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ClusterFixture.start(dir, 3, "murmur.mqtt5.server-reference = \"" + SERVER_REFERENCE + "\"",
                "murmur.persistence.handoff-timeout = 2s");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void allMembersUp() {
        cluster.awaitMembersUp(); // the previous test's node is back
        cluster.awaitBalanced(); // and has its shards back, so placement stays put during the test
    }

    /** Times each persistent subscriber was disconnected, by client id. */
    private static final Map<String, AtomicInteger> DISCONNECTS = new ConcurrentHashMap<>();

    /** A persistent v5 subscriber that reconnects (clean start 0) to its node whenever it is disconnected. */
    private static Mqtt5AsyncClient persistentSubscriber(String id, int node, String topic, MqttQos qos,
                                                         Recorder[] recorder) {
        AtomicInteger disconnects = DISCONNECTS.computeIfAbsent(id, k -> new AtomicInteger());
        Mqtt5AsyncClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1")
                .serverPort(cluster.mqttPort(node)).automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS)
                .maxDelay(1, TimeUnit.SECONDS).applyAutomaticReconnect()
                .addDisconnectedListener(ctx -> disconnects.incrementAndGet()).buildAsync();
        recorder[0] = Recorder.on(c);
        c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().join();
        c.subscribeWith().topicFilter(topic).qos(qos).send().join();
        return c;
    }

    /** Publishes {@code count} messages at a steady pace, alternating QoS 1 and 2; runs {@code atHalf} midway. */
    private static Map<Integer, CompletableFuture<?>> publishThrough(Mqtt5AsyncClient pub, String q1, String q2,
                                                                    int count, Runnable atHalf) throws Exception {
        Map<Integer, CompletableFuture<?>> acks = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            if (i == count / 2) {
                atHalf.run();
            }
            boolean two = i % 2 == 1;
            acks.put(i, pub.publishWith().topic(two ? q2 : q1).qos(two ? MqttQos.EXACTLY_ONCE : MqttQos.AT_LEAST_ONCE)
                    .payload(Recorder.payload(i)).send());
            Thread.sleep(PUBLISH_PACE.toMillis()); // a steady workload across the fault, not a wait for it
        }
        CompletableFuture.allOf(acks.values().stream().map(f -> f.exceptionally(e -> null))
                .toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return acks;
    }

    private static List<Integer> acknowledged(Map<Integer, CompletableFuture<?>> acks, int parity) {
        return acks.entrySet().stream().filter(e -> e.getKey() % 2 == parity)
                .filter(e -> !e.getValue().isCompletedExceptionally()).map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * kill -9 of the node that hosts the subscribers' shard (found through the admin API): every
     * QoS 1 message the publisher had acknowledged arrives at least once, every QoS 2 one exactly
     * once (MQTT-4.3.2-*, MQTT-4.3.3-*), and the time until the subscriber is served again is reported.
     */
    @Test
    @Order(1)
    void killOfTheSubscribersShardNodeLosesNoAcknowledgedMessage() throws Exception {
        int victim = 2;
        int subNode = 1;
        int pubNode = 3;
        String base = Clients.id("crash");
        String id1 = cluster.idWithSessionOn("s1", victim, subNode);
        String id2 = cluster.idWithSessionOn("s2", victim, subNode);
        String pubId = cluster.idWithSessionOn("pub", pubNode, pubNode);
        Recorder[] r1 = new Recorder[1];
        Recorder[] r2 = new Recorder[1];
        Mqtt5AsyncClient sub1 = persistentSubscriber(id1, subNode, base + "/q1", MqttQos.AT_LEAST_ONCE, r1);
        Mqtt5AsyncClient sub2 = persistentSubscriber(id2, subNode, base + "/q2", MqttQos.EXACTLY_ONCE, r2);
        Mqtt5AsyncClient pub = Clients.v5(cluster.mqttPort(pubNode), pubId).toAsync();
        pub.connect().join();
        long[] killedAt = new long[1];

        Map<Integer, CompletableFuture<?>> acks = publishThrough(pub, base + "/q1", base + "/q2", 1000, () -> {
            killedAt[0] = System.nanoTime();
            cluster.cluster().kill(victim);
        });

        List<Integer> acked1 = acknowledged(acks, 0);
        List<Integer> acked2 = acknowledged(acks, 1);
        await().atMost(WAIT).until(() -> r1[0].received(base + "/q1").containsAll(acked1)
                && r2[0].received(base + "/q2").containsAll(acked2));
        long servedAgainMillis = r1[0].firstArrivalFrom(500)
                .map(t -> TimeUnit.NANOSECONDS.toMillis(t - killedAt[0])).orElse(-1L);
        System.out.printf("kill -9 of node %d (subscribers' shard): %d + %d acknowledged of 1000, "
                        + "QoS 1 received %d (%d distinct), subscriber served again %d ms after the kill, "
                        + "subscriber disconnects %d + %d%n", victim,
                acked1.size(), acked2.size(), r1[0].received(base + "/q1").size(), r1[0].distinct(base + "/q1"),
                servedAgainMillis, DISCONNECTS.get(id1).get(), DISCONNECTS.get(id2).get());
        assertThat(r1[0].received(base + "/q1")).as("QoS 1: every acknowledged message at least once")
                .containsAll(acked1);
        assertThat(r2[0].received(base + "/q2")).as("QoS 2: every acknowledged message exactly once")
                .containsAll(acked2).doesNotHaveDuplicates();
        cluster.cluster().awaitRestarted(victim, WAIT);
        endSession(sub1);
        endSession(sub2);
        pub.disconnect().exceptionally(e -> null).join(); // a moved shard may have kicked it already
    }

    /**
     * A device whose socket was on a node that dies, and whose session lives on another node: once
     * the dead node is downed, the session treats the connection as lost and publishes the will
     * (MQTT-3.1.2-8); a device that reconnected elsewhere before its Will Delay Interval passed
     * keeps its will unpublished (MQTT-3.1.3-9). A device whose socket and persistent session were
     * both on the dead node gets its will too, without ever coming back: the shard's directory
     * wakes the recovered session, and no connection re-attaches to it.
     */
    @Test
    @Order(2)
    void willsOfDevicesOnADeadNodeArePublished() throws Exception {
        int victim = 3;
        int sessionNode = 1;
        int survivor = 2;
        String willTopic = Clients.id("wills");
        String lostId = cluster.idWithSessionOn("lost", sessionNode, victim);
        String backId = cluster.idWithSessionOn("back", sessionNode, victim);
        String bothId = cluster.idWithSessionOn("both", victim, victim);

        // The watcher's session is on a survivor, and it is persistent and reconnects: when the killed
        // node comes back, rebalancing may move its shard (0x89) before the will arrives.
        Recorder[] wills = new Recorder[1];
        Mqtt5AsyncClient watcher = persistentSubscriber(cluster.idWithSessionOn("watcher", survivor, survivor),
                survivor, willTopic, MqttQos.AT_LEAST_ONCE, wills);

        Mqtt5BlockingClient lost = Clients.v5(cluster.mqttPort(victim), lostId);
        lost.connectWith().willPublish().topic(willTopic).qos(MqttQos.AT_LEAST_ONCE).payload(lostId.getBytes(UTF_8))
                .applyWillPublish().send();
        Mqtt5BlockingClient both = Clients.v5(cluster.mqttPort(victim), bothId);
        both.connectWith().cleanStart(false).sessionExpiryInterval(3600).willPublish().topic(willTopic)
                .qos(MqttQos.AT_LEAST_ONCE).payload(bothId.getBytes(UTF_8)).applyWillPublish().send();
        Mqtt5BlockingClient back = Clients.v5(cluster.mqttPort(victim), backId);
        back.connectWith().cleanStart(false).sessionExpiryInterval(3600).willPublish().topic(willTopic)
                .qos(MqttQos.AT_LEAST_ONCE).payload(backId.getBytes(UTF_8)).delayInterval(300).applyWillPublish()
                .send();

        long killedAt = System.nanoTime();
        cluster.cluster().kill(victim);
        Mqtt5BlockingClient returned = Clients.v5(cluster.mqttPort(survivor), backId);
        assertThat(returned.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent())
                .as("its session lives on a survivor").isTrue();

        await().atMost(WAIT).until(() -> wills[0].arrivalOf(lostId).isPresent()
                && wills[0].arrivalOf(bothId).isPresent());
        System.out.printf("will of a device on killed node %d published %d ms after the kill (session on node %d), "
                        + "%d ms (session on the killed node too)%n", victim,
                TimeUnit.NANOSECONDS.toMillis(wills[0].arrivalOf(lostId).get() - killedAt), sessionNode,
                TimeUnit.NANOSECONDS.toMillis(wills[0].arrivalOf(bothId).get() - killedAt));
        assertThat(wills[0].arrivalOf(backId)).as("the device that came back in time keeps its will").isEmpty();
        assertThat(wills[0].all()).as("only the lost devices' wills, once each").hasSize(2)
                .allSatisfy(p -> assertThat(new String(p.getPayloadAsBytes(), UTF_8)).isIn(lostId, bothId));
        returned.disconnectWith().sessionExpiryInterval(0).send();
        Mqtt5BlockingClient bothAgain = Clients.v5(cluster.mqttPort(survivor), bothId);
        assertThat(bothAgain.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent())
                .as("the session recovered on a survivor").isTrue();
        bothAgain.disconnectWith().sessionExpiryInterval(0).send();
        endSession(watcher);
        cluster.cluster().awaitRestarted(victim, WAIT);
    }

    /**
     * Graceful leave (SIGTERM): the leaving node hands its shards off first, then its v5 clients get
     * DISCONNECT 0x8B carrying the Server Reference and its 3.1.1 clients a close, and a persistent
     * subscriber whose session lived there loses no acknowledged message.
     */
    @Test
    @Order(3)
    void gracefulLeaveHandsOffShardsThenDisconnectsWith0x8BAndLosesNothing() throws Exception {
        int leaving = 3;
        int subNode = 1;
        int pubNode = 2;
        String base = Clients.id("leave");
        String subId = cluster.idWithSessionOn("ls", leaving, subNode);
        String pubId = cluster.idWithSessionOn("lp", pubNode, pubNode);
        String localId = cluster.idWithSessionOn("local", leaving, leaving);
        String remoteId = cluster.idWithSessionOn("remote", subNode, leaving);
        Recorder[] r = new Recorder[1];
        Mqtt5AsyncClient sub = persistentSubscriber(subId, subNode, base + "/q1", MqttQos.AT_LEAST_ONCE, r);
        sub.subscribeWith().topicFilter(base + "/q2").qos(MqttQos.EXACTLY_ONCE).send().join();
        RawClient local = rawV5(leaving, localId);
        RawClient remote = rawV5(leaving, remoteId);
        RawClient v3 = new RawClient(cluster.mqttPort(leaving), MqttVersion.V3_1_1);
        v3.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("v3")));
        assertThat(v3.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        Mqtt5AsyncClient pub = Clients.v5(cluster.mqttPort(pubNode), pubId).toAsync();
        pub.connect().join();

        Map<Integer, CompletableFuture<?>> acks = publishThrough(pub, base + "/q1", base + "/q2", 600,
                () -> cluster.cluster().terminate(leaving));

        assertThat(disconnectOf(local)).as("session on the leaving node").satisfies(d -> {
            assertThat(d.reasonCode()).isEqualTo(ReasonCode.SERVER_SHUTTING_DOWN);
            assertThat(d.properties().serverReference()).isEqualTo(SERVER_REFERENCE);
        });
        assertThat(disconnectOf(remote)).as("session on another node").satisfies(d -> {
            assertThat(d.reasonCode()).isEqualTo(ReasonCode.SERVER_SHUTTING_DOWN);
            assertThat(d.properties().serverReference()).isEqualTo(SERVER_REFERENCE);
        });
        assertThat(v3.isClosedByServer()).isTrue();
        List<Integer> acked1 = acknowledged(acks, 0);
        List<Integer> acked2 = acknowledged(acks, 1);
        await().atMost(WAIT).until(() -> r[0].received(base + "/q1").containsAll(acked1)
                && r[0].received(base + "/q2").containsAll(acked2));
        System.out.printf("graceful leave of node %d: %d + %d acknowledged of 600, all received%n", leaving,
                acked1.size(), acked2.size());
        assertThat(r[0].received(base + "/q2")).as("QoS 2 exactly once").doesNotHaveDuplicates();
        // its session moved off the leaving node; its own connection, on a staying node, re-attached
        assertThat(DISCONNECTS.get(subId).get()).as("the subscriber was never disconnected").isZero();
        assertThat(acked1.size() + acked2.size()).as("publishing on a staying node goes on").isEqualTo(600);
        cluster.cluster().awaitRestarted(leaving, WAIT);
        endSession(sub);
        pub.disconnect().exceptionally(e -> null).join(); // a moved shard may have kicked it already
        local.close();
        remote.close();
        v3.close();
    }

    /**
     * Ends a reconnecting subscriber's session. A shard that moved back to the restarted node may
     * have just kicked it (0x89): wait until it is connected again.
     */
    private static void endSession(Mqtt5AsyncClient c) {
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            c.disconnectWith().sessionExpiryInterval(0).send().join();
            return true;
        });
    }

    private static RawClient rawV5(int node, String id) throws IOException {
        RawClient c = new RawClient(cluster.mqttPort(node), MqttVersion.V5);
        c.send(new Connect(MqttVersion.V5, id, true, 60, null, null, null, Properties.EMPTY));
        assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        return c;
    }

    /** The DISCONNECT the server sends (other packets skipped), or null if it closed without one. */
    private static Disconnect disconnectOf(RawClient c) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            MqttPacket p;
            try {
                p = c.read();
            } catch (IOException e) {
                if (e.getCause() instanceof SocketTimeoutException) {
                    continue; // nothing yet
                }
                throw e;
            }
            if (p == null || p instanceof Disconnect) {
                return (Disconnect) p;
            }
        }
        throw new AssertionError("no DISCONNECT within " + WAIT);
    }

}
