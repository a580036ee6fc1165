package dev.murmur.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Publish/subscribe through a real node with the HiveMQ (v5, v3) and Paho (v3) clients. */
class PublishSubscribeTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        // The ordering test must not depend on how fast the test thread drains its client: a queue
        // larger than the 10 000 messages keeps overflow (tested elsewhere) out of this class.
        node = TestNode.start("murmur.mqtt.max-queued-messages = 20000");
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @ParameterizedTest
    @EnumSource(MqttQos.class)
    void v5DeliversAtEachQos(MqttQos qos) {
        String topic = Clients.id("qos") + "/" + qos;
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("sub"));
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(sub.subscribeWith().topicFilter(topic).qos(qos).send().getReasonCodes())
                    .containsExactly(Mqtt5SubAckReasonCode.values()[qos.getCode()]);
            pub.publishWith().topic(topic).qos(qos).payload("hello".getBytes(UTF_8)).send();
            Mqtt5Publish msg = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(msg.getTopic().toString()).isEqualTo(topic);
            assertThat(msg.getQos()).isEqualTo(qos);
            assertThat(new String(msg.getPayloadAsBytes(), UTF_8)).isEqualTo("hello");
            assertThat(msg.isRetain()).isFalse(); // MQTT-3.3.1-12: established subscription, Retain As Published 0
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @ParameterizedTest
    @EnumSource(MqttQos.class)
    void v3DeliversAtEachQos(MqttQos qos) throws Exception {
        String topic = Clients.id("v3qos") + "/" + qos;
        Mqtt3BlockingClient sub = Clients.v3(port, Clients.id("sub3"));
        Mqtt3BlockingClient pub = Clients.v3(port, Clients.id("pub3"));
        sub.connect();
        pub.connect();
        try (Mqtt3BlockingClient.Mqtt3Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(qos).send();
            pub.publishWith().topic(topic).qos(qos).payload("v3".getBytes(UTF_8)).send();
            Mqtt3Publish msg = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(msg.getQos()).isEqualTo(qos);
            assertThat(new String(msg.getPayloadAsBytes(), UTF_8)).isEqualTo("v3");
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void deliveryIsDowngradedToTheSubscriptionMaximumQos() throws Exception {
        // MQTT-3.8.4-8 (v5 3.8.4): delivered QoS = min(published QoS, granted QoS)
        String topic = Clients.id("downgrade");
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("sub"));
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload(new byte[] {1}).send();
            assertThat(received.receive(5, TimeUnit.SECONDS).orElseThrow().getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void wildcardsMatchAndDollarTopicsAreNotMatchedByLeadingWildcards() throws Exception {
        String root = Clients.id("wild");
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("sub"));
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(root + "/+/temp").qos(MqttQos.AT_LEAST_ONCE).send();
            // Retain handling 2: other tests' retained messages must not arrive here.
            sub.subscribeWith().topicFilter("#").qos(MqttQos.AT_LEAST_ONCE)
                    .retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();
            // MQTT-4.7.2-1: "#" must not match a topic starting with '$'; MQTT-3.3.2-3: topics match the filter
            pub.publishWith().topic("$" + root + "/x").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {0}).send();
            pub.publishWith().topic(root + "/kitchen/temp").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
            Mqtt5Publish first = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(first.getTopic().toString()).isEqualTo(root + "/kitchen/temp");
            // Overlapping "#" and "+/temp": one copy (MQTT 5.0 3.3.4), nothing for the '$' topic
            assertThat(received.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void retainedMessagesAreSetClearedAndMatchedByWildcards() throws Exception {
        String root = Clients.id("retained");
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        pub.connect();
        pub.publishWith().topic(root + "/a").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload("A".getBytes(UTF_8)).send();
        pub.publishWith().topic(root + "/b").qos(MqttQos.AT_LEAST_ONCE).retain(true).payload("B".getBytes(UTF_8)).send();
        // MQTT-3.3.1-6 / MQTT-3.3.1-7: an empty retained payload removes the retained message of that topic
        pub.publishWith().topic(root + "/b").qos(MqttQos.AT_LEAST_ONCE).retain(true).send();

        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("sub"));
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(root + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish msg = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(msg.getTopic().toString()).isEqualTo(root + "/a");
            assertThat(msg.isRetain()).isTrue(); // MQTT-3.3.1-5, MQTT-3.3.1-9: retained, sent on a new subscription
            assertThat(received.receive(500, TimeUnit.MILLISECONDS)).isEmpty();
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }

    @Test
    void pahoV311PublishesAndReceives() throws Exception {
        String topic = Clients.id("paho") + "/t";
        MqttClient sub = new MqttClient("tcp://127.0.0.1:" + port, Clients.id("paho-sub"), new MemoryPersistence());
        MqttClient pub = new MqttClient("tcp://127.0.0.1:" + port, Clients.id("paho-pub"), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        java.util.concurrent.BlockingQueue<MqttMessage> got = new java.util.concurrent.LinkedBlockingQueue<>();
        sub.connect(options);
        pub.connect(options);
        try {
            sub.subscribe(topic, 2, (t, m) -> got.add(m));
            pub.publish(topic, "paho".getBytes(UTF_8), 2, false);
            MqttMessage m = got.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(new String(m.getPayload(), UTF_8)).isEqualTo("paho");
            assertThat(m.getQos()).isEqualTo(2);
        } finally {
            sub.disconnect();
            pub.disconnect();
            sub.close();
            pub.close();
        }
    }

    @Test
    void tenThousandMessagesArriveInOrder() throws Exception {
        // MQTT-4.6.0-5, MQTT-4.6.0-6: ordered topic, same QoS, from one publisher: delivery keeps the order
        String topic = Clients.id("order");
        int count = 10_000;
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("sub"));
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Thread publisher = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                            .payload(Integer.toString(i).getBytes(UTF_8)).send();
                }
            });
            publisher.start();
            for (int i = 0; i < count; i++) {
                Optional<Mqtt5Publish> m = received.receive(10, TimeUnit.SECONDS);
                assertThat(m).as("message %d", i).isPresent();
                assertThat(new String(m.get().getPayloadAsBytes(), UTF_8)).isEqualTo(Integer.toString(i));
            }
            publisher.join(30_000);
        } finally {
            sub.disconnect();
            pub.disconnect();
        }
    }
}
