package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of a PUBLISH in cluster messages (issue 10): the router sends one envelope per
 * matching shard, never one per subscriber, and counts both (murmur_route_envelopes_sent_total /
 * murmur_messages_routed_total); hubs count what they receive and, on one node, none is remote.
 */
class EnvelopeCountTest {
    private static final int SHARDS = 8;
    private static final int SUBSCRIBERS = 24;
    private static MurmurNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.sessions.number-of-shards = " + SHARDS);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aFanOutCostsOneEnvelopePerMatchingShardNotPerSubscriber() {
        String topic = Clients.id("fan") + "/t";
        ShardLayout layout = new ShardLayout(SHARDS);
        List<Mqtt5BlockingClient> subs = new ArrayList<>();
        Set<Integer> shards = new HashSet<>();
        AtomicInteger received = new AtomicInteger();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            String id = Clients.id("sub" + i);
            shards.add(layout.shardOf(id));
            Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), id);
            c.connect();
            c.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> received.incrementAndGet());
            c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            subs.add(c);
        }
        assertThat(shards.size()).as("more subscribers than shards: some share one").isLessThan(SUBSCRIBERS);
        Mqtt5BlockingClient pub = Clients.v5(node.mqttPort(), Clients.id("pub"));
        pub.connect();
        long routedBefore = node.metrics().get(Counter.MESSAGES_ROUTED);
        long sentBefore = node.metrics().get(Counter.ROUTE_ENVELOPES_SENT);
        long hubBefore = node.metrics().get(Counter.HUB_ENVELOPES_RECEIVED);

        int publishes = 5;
        for (int i = 0; i < publishes; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) i}).send();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == publishes * SUBSCRIBERS);

        assertThat(node.metrics().get(Counter.MESSAGES_ROUTED) - routedBefore).isEqualTo(publishes);
        assertThat(node.metrics().get(Counter.ROUTE_ENVELOPES_SENT) - sentBefore)
                .as("one envelope per matching shard").isEqualTo((long) publishes * shards.size());
        assertThat(node.metrics().get(Counter.HUB_ENVELOPES_RECEIVED) - hubBefore)
                .isEqualTo((long) publishes * shards.size());
        assertThat(node.metrics().get(Counter.HUB_ENVELOPES_REMOTE)).as("one node: nothing crosses nodes").isZero();
        pub.disconnect();
        subs.forEach(Mqtt5BlockingClient::disconnect);
    }
}
