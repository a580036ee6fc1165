package dev.murmur.node.limits;

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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Above the memory high-water mark: new CONNECTs get 0x89, QoS 0 to slow consumers is shed first. */
class OverloadTest {
    private static int connackCode(int port, MqttVersion v) throws Exception {
        try (RawClient c = new RawClient(port, v)) {
            c.send(RawClient.connect(v, Clients.id("busy")));
            byte[] answer = c.readUntilClosed(Duration.ofSeconds(5));
            return answer[3] & 0xFF;
        }
    }

    @Test
    void heapAboveHighWaterRefusesNewConnectionsAsServerBusy() throws Exception {
        // 1 % of the heap is always in use: the guard trips at its first sample.
        try (MurmurNode node = TestNode.start("murmur.limits { memory-high-water = 0.01, memory-check-interval = 50ms }")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> node.metrics().overloaded().get());
            assertThat(connackCode(node.mqttPort(), MqttVersion.V5)).isEqualTo(0x89);
            assertThat(connackCode(node.mqttPort(), MqttVersion.V3_1_1)).isEqualTo(0x03);
            assertThat(node.metrics().get(Counter.CONNECTIONS_REFUSED_BUSY)).isEqualTo(2);
        }
    }

    @Test
    void qos0ToASlowConsumerIsShedFirst() throws Exception {
        // The guard is off (1.0); the test raises the flag itself once the consumer is slow.
        try (MurmurNode node = TestNode.start("murmur.limits.memory-high-water = 1.0")) {
            String topic = Clients.id("shed");
            RawClient stalled = new RawClient(node.mqttPort(), MqttVersion.V5);
            stalled.send(RawClient.connect(MqttVersion.V5, Clients.id("stalled")));
            assertThat(stalled.read()).isInstanceOf(ConnAck.class);
            stalled.send(new Subscribe(1, List.of(Subscription.of(topic, QoS.AT_LEAST_ONCE)), Properties.EMPTY));
            assertThat(stalled.read()).isInstanceOf(SubAck.class);
            Mqtt5BlockingClient pub = Clients.v5(node.mqttPort(), Clients.id("pub"));
            pub.connect();
            byte[] big = new byte[64 * 1024];
            // QoS 1 fills the socket buffers and the write window until the session queues.
            for (int i = 0; i < 200; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(big).send();
            }
            node.metrics().overloaded().set(true);
            long before = node.metrics().get(Counter.MESSAGES_DROPPED_OVERLOAD);
            for (int i = 0; i < 50; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_MOST_ONCE).payload(new byte[10]).send();
            }
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    node.metrics().get(Counter.MESSAGES_DROPPED_OVERLOAD) >= before + 50);
            pub.disconnect();
            stalled.close();
        }
    }
}
