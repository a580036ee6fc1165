package dev.murmur.node.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.ForkedNode;
import dev.murmur.node.support.PersistentSubscriber;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No silent loss across a restart: persistent v5 and v3.1.1 subscribers at QoS 1 and 2 are
 * offline while a publisher sends 10 000 QoS 2 messages; the node stops (gracefully, or by
 * {@code kill -9} of its JVM) and restarts on the same journal; every subscriber then receives
 * every message — QoS 2 exactly once, QoS 1 at least once, both in publish order (MQTT-4.6.0-6).
 */
class DurableRestartTest {
    private static final int MESSAGES = 10_000;
    private static final String NODE_CONFIG = """
            murmur.mqtt.max-queued-messages = 20000
            """;

    private static List<PersistentSubscriber> subscribers(String run) {
        return List.of(new PersistentSubscriber(Clients.id("v5q1"), true, 1),
                new PersistentSubscriber(Clients.id("v5q2"), true, 2),
                new PersistentSubscriber(Clients.id("v3q1"), false, 1),
                new PersistentSubscriber(Clients.id("v3q2"), false, 2));
    }

    private static void subscribeAndLeave(List<PersistentSubscriber> subs, int port, String filter) {
        for (PersistentSubscriber s : subs) {
            s.connect(port);
            s.subscribe(filter);
            s.disconnect();
        }
    }

    /** Publishes 0..MESSAGES-1 at QoS 2 and waits until every PUBCOMP arrived. */
    private static void publish(int port, String topic) throws Exception {
        Mqtt5AsyncClient pub = Mqtt5Client.builder().identifier(Clients.id("pub")).serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        pub.connect().get(10, TimeUnit.SECONDS);
        List<CompletableFuture<?>> acks = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            acks.add(pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE)
                    .payload(PersistentSubscriber.payload(i)).send());
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        pub.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static void reconnectAndVerify(List<PersistentSubscriber> subs, int port) {
        List<Integer> expected = IntStream.range(0, MESSAGES).boxed().toList();
        for (PersistentSubscriber s : subs) {
            assertThat(s.connect(port)).as("session present for %s", s.clientId()).isTrue();
        }
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> subs.stream().allMatch(s -> s.distinctCount() >= MESSAGES));
        } catch (ConditionTimeoutException e) {
            subs.forEach(s -> System.out.println(s.clientId() + " received " + s.distinctCount()));
            throw e;
        }
        for (PersistentSubscriber s : subs) {
            if (s.qos() == 2) {
                assertThat(s.received()).as("QoS 2, exactly once and in order: %s", s.clientId())
                        .isEqualTo(expected);
            } else {
                assertThat(s.distinctInOrder()).as("QoS 1, at least once and in order: %s", s.clientId())
                        .isEqualTo(expected);
            }
            s.disconnect();
        }
    }

    @Test
    void persistentSessionsGetEveryMessageAfterAGracefulRestart() throws Exception {
        Path journal = TestNode.freshJournalPath();
        String filter = Clients.id("restart") + "/#";
        List<PersistentSubscriber> subs = subscribers("graceful");
        MurmurNode first = TestNode.start(NODE_CONFIG, journal);
        try {
            subscribeAndLeave(subs, first.mqttPort(), filter);
            publish(first.mqttPort(), filter.replace("#", "t"));
        } finally {
            first.close();
        }
        MurmurNode second = TestNode.start(NODE_CONFIG, journal);
        try {
            reconnectAndVerify(subs, second.mqttPort());
        } finally {
            second.close();
        }
    }

    @Test
    void persistentSessionsGetEveryMessageAfterKillMinus9(@TempDir Path dir) throws Exception {
        String config = NODE_CONFIG + "murmur.persistence.h2.path = \"" + dir.resolve("journal").toAbsolutePath()
                + "\"\n";
        String filter = Clients.id("crash") + "/#";
        List<PersistentSubscriber> subs = subscribers("kill");
        try (ForkedNode first = ForkedNode.start(dir, config)) {
            subscribeAndLeave(subs, first.port(), filter);
            publish(first.port(), filter.replace("#", "t"));
            first.kill(); // every PUBCOMP was received: each message must be in the journal now
        }
        try (ForkedNode second = ForkedNode.start(dir, config)) {
            reconnectAndVerify(subs, second.port());
        }
    }

    /**
     * Inbound QoS 2 state is journaled: a publisher that got PUBREC before the crash sends PUBREL
     * afterwards and gets PUBCOMP 0x00 (not 0x92), and the subscriber has the message exactly once
     * (MQTT-4.3.3-2, MQTT-4.3.3-11).
     */
    @Test
    void inboundQos2SurvivesKillMinus9(@TempDir Path dir) throws Exception {
        String config = "murmur.persistence.h2.path = \"" + dir.resolve("journal").toAbsolutePath() + "\"\n";
        String topic = Clients.id("qos2") + "/t";
        String publisherId = Clients.id("qos2-pub");
        Properties persistent = Properties.builder().sessionExpiryInterval(3600L).build();
        PersistentSubscriber sub = new PersistentSubscriber(Clients.id("qos2-sub"), true, 2);
        try (ForkedNode first = ForkedNode.start(dir, config)) {
            sub.connect(first.port());
            sub.subscribe(topic);
            sub.disconnect();
            RawClient pub = new RawClient(first.port(), MqttVersion.V5);
            pub.send(new Connect(MqttVersion.V5, publisherId, false, 60, null, null, null, persistent));
            assertThat(pub.read()).isInstanceOf(ConnAck.class);
            pub.send(new Publish(topic, QoS.EXACTLY_ONCE, false, false, 7, PersistentSubscriber.payload(42),
                    Properties.EMPTY));
            assertThat(pub.read()).isEqualTo(new PubRec(7, ReasonCode.SUCCESS, Properties.EMPTY));
            first.kill();
            pub.close();
        }
        try (ForkedNode second = ForkedNode.start(dir, config)) {
            RawClient pub = new RawClient(second.port(), MqttVersion.V5);
            pub.send(new Connect(MqttVersion.V5, publisherId, false, 60, null, null, null, persistent));
            assertThat(((ConnAck) pub.read()).sessionPresent()).isTrue();
            pub.send(new PubRel(7, ReasonCode.SUCCESS, Properties.EMPTY));
            assertThat(pub.read()).isEqualTo(new PubComp(7, ReasonCode.SUCCESS, Properties.EMPTY));
            pub.close();

            assertThat(sub.connect(second.port())).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> sub.distinctCount() >= 1);
            sub.disconnect();
            assertThat(sub.received()).containsExactly(42);
        }
    }
}
