package dev.murmur.node.retained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PersistentSubscriber;
import dev.murmur.node.support.TestNode;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Retained messages are journaled: 100 000 retained topics survive a restart, and a wildcard
 * subscribe afterwards returns every match (MQTT-3.3.1-6, MQTT-3.3.1-9), an emptied topic none.
 */
class RetainedDurabilityTest {
    private static final int TOPICS = 100_000;
    private static final int PER_LEVEL = 1_000;
    private static final String CONFIG = "murmur.mqtt.max-queued-messages = 200000\n";

    private static String topic(String root, int i) {
        return root + "/" + i / PER_LEVEL + "/" + i % PER_LEVEL;
    }

    @Test
    void hundredThousandRetainedTopicsSurviveARestart() throws Exception {
        Path journal = TestNode.freshJournalPath();
        String root = Clients.id("ret");
        MurmurNode first = TestNode.start(CONFIG, journal);
        try {
            Mqtt5AsyncClient pub = Mqtt5Client.builder().identifier(Clients.id("ret-pub")).serverHost("127.0.0.1")
                    .serverPort(first.mqttPort()).buildAsync();
            pub.connect().get(10, TimeUnit.SECONDS);
            List<CompletableFuture<?>> acks = new ArrayList<>(TOPICS);
            for (int i = 0; i < TOPICS; i++) {
                acks.add(pub.publishWith().topic(topic(root, i)).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                        .payload(PersistentSubscriber.payload(i)).send());
            }
            // An empty retained payload clears the topic (MQTT-3.3.1-6).
            acks.add(pub.publishWith().topic(topic(root, 0)).qos(MqttQos.AT_LEAST_ONCE).retain(true).send());
            // PUBACK comes only after the retained store journaled the message: all are stored now.
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
            pub.disconnect().get(10, TimeUnit.SECONDS);
        } finally {
            first.close();
        }

        MurmurNode second = TestNode.start(CONFIG, journal);
        try {
            Set<Integer> all = subscribe(second.mqttPort(), root + "/#", TOPICS - 1);
            assertThat(all).hasSize(TOPICS - 1).doesNotContain(0).contains(1, TOPICS - 1);

            Set<Integer> seventh = subscribe(second.mqttPort(), root + "/+/7", TOPICS / PER_LEVEL);
            assertThat(seventh).isEqualTo(IntStream.range(0, TOPICS / PER_LEVEL).map(k -> k * PER_LEVEL + 7).boxed()
                    .collect(Collectors.toSet()));
            assertThat(subscribe(second.mqttPort(), topic(root, 4242), 1)).containsExactly(4242);
        } finally {
            second.close();
        }
    }

    /** Subscribes with a fresh client and collects the retained messages sent for the new subscription. */
    private static Set<Integer> subscribe(int port, String filter, int expected) throws Exception {
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        Mqtt5AsyncClient sub = Mqtt5Client.builder().identifier(Clients.id("ret-sub")).serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        sub.publishes(MqttGlobalPublishFilter.ALL, p -> {
            assertThat(p.isRetain()).isTrue(); // MQTT-3.3.1-9: sent because of a new subscription
            seen.add(ByteBuffer.wrap(p.getPayloadAsBytes()).getInt());
        });
        sub.connect().get(10, TimeUnit.SECONDS);
        // QoS 1: the client library drops QoS 0 messages it cannot take fast enough; QoS 1 is flow-controlled
        sub.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(90)).until(() -> seen.size() >= expected);
        sub.disconnect().get(10, TimeUnit.SECONDS);
        return seen;
    }
}
