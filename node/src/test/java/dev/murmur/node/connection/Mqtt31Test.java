package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MQTT 3.1 (protocol name "MQIsdp", level 3) is served alongside 3.1.1 and 5.0. */
class Mqtt31Test {
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

    @Test
    void pahoSpeakingMqtt31PublishesAndReceives() throws Exception {
        String topic = "v31/" + Clients.id("t");
        MqttClient c = new MqttClient("tcp://127.0.0.1:" + port, Clients.id("v31").substring(0, 12),
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1); // CONNECT "MQIsdp", level 3
        o.setCleanSession(true);
        c.connect(o);
        BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        c.subscribe(topic, 1, (t, m) -> inbox.add(m));
        c.publish(topic, "hello 3.1".getBytes(StandardCharsets.UTF_8), 1, false);
        MqttMessage got = inbox.poll(5, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(new String(got.getPayload(), StandardCharsets.UTF_8)).isEqualTo("hello 3.1");
        c.disconnect();
        c.close();
    }

    @Test
    void rawMqtt31ExchangeAndItsClientIdLimit() throws Exception {
        try (RawClient c = new RawClient(port, MqttVersion.V3_1)) {
            c.send(RawClient.connect(MqttVersion.V3_1, "short-id-31"));
            assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            c.send(new Subscribe(1, List.of(Subscription.of("v31/raw", QoS.AT_LEAST_ONCE)), Properties.EMPTY));
            assertThat(c.expect(SubAck.class).reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1);
            c.send(new Publish("v31/raw", QoS.AT_LEAST_ONCE, false, false, 2, new byte[] {1}, Properties.EMPTY));
            // PUBACK and the delivery may come in either order
            Object a = c.read();
            Object b = c.read();
            assertThat(List.of(a, b)).anySatisfy(p -> assertThat(p).isInstanceOf(PubAck.class))
                    .anySatisfy(p -> assertThat(p).isInstanceOf(Publish.class));
        }
        try (RawClient c = new RawClient(port, MqttVersion.V3_1)) {
            c.send(RawClient.connect(MqttVersion.V3_1, "x".repeat(24))); // 3.1 allows 1-23 characters
            assertThat(c.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
            assertThat(c.isClosedByServer()).isTrue();
        }
    }
}
