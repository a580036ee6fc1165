package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Message Expiry Interval (MQTT 5.0 3.3.2.3.3): expired messages are not delivered from a
 * session's queue nor from the retained store (MQTT-3.3.2-5), and what is delivered carries the
 * interval minus the time it waited in the broker (MQTT-3.3.2-6).
 */
class MessageExpiryTest {
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
    void expiredMessagesAreDroppedAndTheRestCarryTheRemainingInterval() throws Exception {
        String id = Clients.id("offline");
        String topic = "mx/" + id;
        Mqtt5BlockingClient sub = Clients.v5(port, id);
        sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        sub.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();

        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        pub.connect();
        pub.publishWith().topic(topic + "/short").qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(1).send();
        pub.publishWith().topic(topic + "/long").qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(60).send();
        pub.publishWith().topic(topic + "/none").qos(MqttQos.AT_LEAST_ONCE).send();
        pub.publishWith().topic(topic + "/retained-short").retain(true).messageExpiryInterval(1).payload(new byte[] {1}).send();
        pub.publishWith().topic(topic + "/retained-long").retain(true).messageExpiryInterval(60).payload(new byte[] {2}).send();
        pub.disconnect();
        long expiredBefore = node.metrics().get(Counter.MESSAGES_EXPIRED);

        // the subject is wall-clock expiry: let more than one second pass (2 s, so 60 becomes <= 58)
        await().pollDelay(Duration.ofMillis(2100)).atMost(Duration.ofSeconds(3)).until(() -> true);

        Mqtt5BlockingClient back = Clients.v5(port, id);
        List<Mqtt5Publish> got = new ArrayList<>();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = back.publishes(MqttGlobalPublishFilter.ALL)) {
            back.connectWith().cleanStart(false).sessionExpiryInterval(0).send();
            for (int i = 0; i < 2; i++) {
                got.add(inbox.receive(5, TimeUnit.SECONDS).orElseThrow());
            }
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty(); // the 1 s message expired
        }
        back.disconnect();
        assertThat(got).extracting(p -> p.getTopic().toString()).containsExactly(topic + "/long", topic + "/none");
        assertThat(got.get(0).getMessageExpiryInterval().orElseThrow()).isBetween(55L, 58L);
        assertThat(got.get(1).getMessageExpiryInterval()).isEmpty(); // no interval: none invented
        assertThat(node.metrics().get(Counter.MESSAGES_EXPIRED)).isEqualTo(expiredBefore + 1);

        Mqtt5BlockingClient late = Clients.v5(port, Clients.id("late"));
        late.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = late.publishes(MqttGlobalPublishFilter.ALL)) {
            late.subscribeWith().topicFilter(topic + "/+").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish retained = inbox.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(retained.getTopic().toString()).isEqualTo(topic + "/retained-long");
            assertThat(retained.isRetain()).isTrue();
            assertThat(retained.getMessageExpiryInterval().orElseThrow()).isBetween(55L, 58L);
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty(); // the expired retained message is gone
        }
        late.disconnect();
    }

    @Test
    void liveDeliveryForwardsTheIntervalUnchanged() throws Exception {
        String topic = "mx/live/" + Clients.id("t");
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("live"));
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
            pub.connect();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).messageExpiryInterval(30).send();
            pub.disconnect();
            // MQTT-3.3.2-6: waited less than a second, so the interval is forwarded as received
            assertThat(inbox.receive(5, TimeUnit.SECONDS).orElseThrow().getMessageExpiryInterval()).hasValue(30);
        }
        sub.disconnect();
    }
}
