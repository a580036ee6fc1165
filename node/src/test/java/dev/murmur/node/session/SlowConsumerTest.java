package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscriber that stops reading while a publisher floods: the session queue stays at its
 * limit, the overflow is counted, the heap does not grow with the flood, and others are served.
 */
class SlowConsumerTest {
    private static final int MAX_QUEUED = 100;
    private static final int MESSAGES = 20_000;
    private static final int PAYLOAD = 1_000;
    private static MurmurNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("murmur.mqtt.max-queued-messages = " + MAX_QUEUED);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void floodToAStalledSubscriberIsBoundedAndCounted() throws Exception {
        String topic = Clients.id("flood");
        RawClient stalled = new RawClient(node.mqttPort(), MqttVersion.V5);
        stalled.send(RawClient.connect(MqttVersion.V5, Clients.id("stalled")));
        assertThat(stalled.read()).isInstanceOf(ConnAck.class);
        stalled.send(new Subscribe(1, List.of(Subscription.of(topic, QoS.AT_LEAST_ONCE)), Properties.EMPTY));
        assertThat(stalled.read()).isInstanceOf(SubAck.class);
        stalled.stopReading(); // never read again: the socket buffers fill, then the session queue

        long heapBefore = usedHeapAfterGc();
        Mqtt5BlockingClient pub = Clients.v5(node.mqttPort(), Clients.id("flooder"));
        pub.connect();
        byte[] payload = new byte[PAYLOAD];
        for (int i = 0; i < MESSAGES; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send();
        }
        // 20 000 x 1 kB = 20 MB offered; the session may hold at most its queue plus inflight.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(node.metrics().get(Counter.MESSAGES_DROPPED_QUEUE_FULL)).isGreaterThan(MESSAGES / 2));
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        assertThat(heapGrowth).as("heap growth in bytes").isLessThan(MESSAGES * (long) PAYLOAD / 2);

        Mqtt5BlockingClient other = Clients.v5(node.mqttPort(), Clients.id("other"));
        other.connect(); // the node still serves others
        other.disconnect();
        pub.disconnect();
        stalled.close();
    }

    @Test
    void unpacedQos0FloodIsBackpressuredNotBuffered() throws Exception {
        String topic = Clients.id("qos0flood");
        RawClient stalled = new RawClient(node.mqttPort(), MqttVersion.V5);
        stalled.send(RawClient.connect(MqttVersion.V5, Clients.id("stalled0")));
        assertThat(stalled.read()).isInstanceOf(ConnAck.class);
        stalled.send(new Subscribe(1, List.of(Subscription.of(topic, QoS.AT_MOST_ONCE)), Properties.EMPTY));
        assertThat(stalled.read()).isInstanceOf(SubAck.class);

        long heapBefore = usedHeapAfterGc();
        long receivedBefore = node.metrics().get(Counter.MESSAGES_RECEIVED);
        RawClient flooder = new RawClient(node.mqttPort(), MqttVersion.V5);
        flooder.send(RawClient.connect(MqttVersion.V5, Clients.id("flooder0")));
        assertThat(flooder.read()).isInstanceOf(ConnAck.class);
        byte[] one = dev.murmur.protocol.codec.MqttEncoder.encode(new dev.murmur.protocol.packet.Publish(topic,
                QoS.AT_MOST_ONCE, false, false, 0, new byte[PAYLOAD], Properties.EMPTY), MqttVersion.V5).array();
        byte[] burst = new byte[one.length * 100];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(one, 0, burst, i * one.length, one.length);
        }
        // 50 000 messages written as fast as the socket takes them (bounded count, no pacing)
        for (int i = 0; i < MESSAGES * 5 / 200; i++) {
            flooder.sendRaw(burst);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                node.metrics().get(Counter.MESSAGES_RECEIVED) - receivedBefore).isEqualTo(MESSAGES * 5 / 2));
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        assertThat(heapGrowth).as("heap growth in bytes").isLessThan(MESSAGES * (long) PAYLOAD / 2);
        flooder.close();
        stalled.close();
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
