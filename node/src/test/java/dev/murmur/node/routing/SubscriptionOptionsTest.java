package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.RetainHandling;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Subscription options (MQTT 5.0 3.8.3.1): QoS, No Local, Retain As Published, Retain Handling;
 * and Subscription Identifiers (3.8.2.1.2, 3.3.4): sent with every matching delivery, all of
 * them when overlapping subscriptions of one session match (the choice documented in
 * docs/architecture.md: one PUBLISH per session carrying every matching identifier).
 */
class SubscriptionOptionsTest {
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

    private static Mqtt5BlockingClient client(String prefix) {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id(prefix));
        c.connect();
        return c;
    }

    private static void retain(String topic, int payload) {
        Mqtt5BlockingClient pub = client("retainer");
        pub.publishWith().topic(topic).retain(true).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {(byte) payload})
                .send();
        pub.disconnect();
    }

    @Test
    void noLocalKeepsAClientsOwnMessagesFromIt() throws Exception {
        String topic = "opt/nl/" + Clients.id("t");
        Mqtt5BlockingClient c = client("nl");
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).noLocal(true).send();
            c.publishWith().topic(topic).payload(new byte[] {1}).send(); // MQTT-3.8.3-3: not back to itself
            Mqtt5BlockingClient other = client("other");
            other.publishWith().topic(topic).payload(new byte[] {2}).send();
            other.disconnect();
            assertThat(inbox.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).containsExactly(2);
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
        }
        c.disconnect();
    }

    @Test
    void retainAsPublishedKeepsTheRetainFlagOnLiveDeliveries() throws Exception {
        String topic = "opt/rap/" + Clients.id("t");
        Mqtt5BlockingClient keep = client("keep");
        Mqtt5BlockingClient clear = client("clear");
        try (Mqtt5BlockingClient.Mqtt5Publishes inKeep = keep.publishes(MqttGlobalPublishFilter.ALL);
             Mqtt5BlockingClient.Mqtt5Publishes inClear = clear.publishes(MqttGlobalPublishFilter.ALL)) {
            keep.subscribeWith().topicFilter(topic).retainAsPublished(true).send();
            clear.subscribeWith().topicFilter(topic).send();
            retain(topic, 1);
            assertThat(inKeep.receive(5, TimeUnit.SECONDS).orElseThrow().isRetain()).isTrue(); // MQTT-3.3.1-13
            assertThat(inClear.receive(5, TimeUnit.SECONDS).orElseThrow().isRetain()).isFalse(); // MQTT-3.3.1-12
        }
        keep.disconnect();
        clear.disconnect();
    }

    @Test
    void retainHandlingDecidesWhatASubscribeGetsFromTheStore() throws Exception {
        String topic = "opt/rh/" + Clients.id("t");
        retain(topic, 9);
        Mqtt5BlockingClient c = client("rh");
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = c.publishes(MqttGlobalPublishFilter.ALL)) {
            // 0: sent at every subscribe (MQTT-3.3.1-9), with RETAIN set
            c.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.SEND).send();
            Mqtt5Publish first = inbox.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(first.isRetain()).isTrue();
            c.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.SEND).send();
            assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent(); // MQTT-3.8.4-4: re-sent on replacement
            // 1: only if the subscription did not exist (MQTT-3.3.1-10)
            c.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST)
                    .send();
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            c.subscribeWith().topicFilter(topic + "/#")
                    .retainHandling(Mqtt5RetainHandling.SEND_IF_SUBSCRIPTION_DOES_NOT_EXIST).send();
            assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent(); // a new subscription ("t/#" matches "t")
            // 2: never at subscribe (MQTT-3.3.1-11)
            Mqtt5BlockingClient d = client("rh2");
            try (Mqtt5BlockingClient.Mqtt5Publishes other = d.publishes(MqttGlobalPublishFilter.ALL)) {
                d.subscribeWith().topicFilter(topic).retainHandling(Mqtt5RetainHandling.DO_NOT_SEND).send();
                assertThat(other.receive(300, TimeUnit.MILLISECONDS)).isEmpty();
            }
            d.disconnect();
        }
        c.disconnect();
    }

    @Test
    void subscriptionIdentifiersTravelWithEveryMatchingDelivery() throws Exception {
        String base = "opt/sid/" + Clients.id("t");
        try (RawClient sub = new RawClient(port, MqttVersion.V5)) {
            sub.send(RawClient.connectV5(Clients.id("sid"), Properties.EMPTY));
            sub.expect(ConnAck.class);
            sub.send(new Subscribe(1, List.of(Subscription.of(base + "/+", QoS.AT_MOST_ONCE)),
                    Properties.builder().subscriptionIdentifier(11).build()));
            sub.expect(SubAck.class);
            sub.send(new Subscribe(2, List.of(Subscription.of(base + "/#", QoS.AT_LEAST_ONCE)),
                    Properties.builder().subscriptionIdentifier(22).build()));
            sub.expect(SubAck.class);
            sub.send(new Subscribe(3, List.of(Subscription.of(base + "/a/b", QoS.AT_MOST_ONCE)), Properties.EMPTY));
            sub.expect(SubAck.class);
            Mqtt5BlockingClient pub = client("pub");
            pub.publishWith().topic(base + "/a").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
            Publish both = sub.expect(Publish.class);
            // MQTT-3.3.4-2, MQTT-3.3.4-3, MQTT-3.3.4-4: one copy (highest granted QoS) carrying every matching id
            assertThat(both.properties().subscriptionIdentifiers()).containsExactlyInAnyOrder(11, 22);
            assertThat(both.qos()).isEqualTo(QoS.AT_LEAST_ONCE);
            assertThat(sub.poll(Duration.ofMillis(300))).isNull();
            pub.publishWith().topic(base + "/a/b").payload(new byte[] {2}).send();
            Publish some = sub.expect(Publish.class);
            assertThat(some.properties().subscriptionIdentifiers()).containsExactly(22); // "/a/b" has none
            // MQTT-3.8.4-3: re-subscribing replaces the subscription and its identifier
            sub.send(new Subscribe(4, List.of(Subscription.of(base + "/+", QoS.AT_MOST_ONCE)),
                    Properties.builder().subscriptionIdentifier(33).build()));
            sub.expect(SubAck.class);
            pub.publishWith().topic(base + "/c").payload(new byte[] {3}).send();
            assertThat(sub.expect(Publish.class).properties().subscriptionIdentifiers())
                    .containsExactlyInAnyOrder(33, 22);
            pub.disconnect();
        }
    }

    @Test
    void retainedMessagesCarryTheSubscriptionIdentifierToo() throws Exception {
        String topic = "opt/sidr/" + Clients.id("t");
        retain(topic, 5);
        try (RawClient sub = new RawClient(port, MqttVersion.V5)) {
            sub.send(RawClient.connectV5(Clients.id("sidr"), Properties.EMPTY));
            sub.expect(ConnAck.class);
            sub.send(new Subscribe(1, List.of(new Subscription(topic, QoS.AT_LEAST_ONCE, false, false,
                    RetainHandling.SEND_ON_SUBSCRIBE)), Properties.builder().subscriptionIdentifier(7).build()));
            sub.expect(SubAck.class);
            Publish p = sub.expect(Publish.class);
            assertThat(p.retain()).isTrue();
            assertThat(p.properties().subscriptionIdentifiers()).containsExactly(7); // MQTT-3.3.4-3
        }
    }

    @Test
    void nonRetainedPublishNeitherStoresNorReplacesTheRetainedMessage() throws Exception {
        String topic = "opt/r0/" + Clients.id("t");
        retain(topic, 1);
        Mqtt5BlockingClient pub = client("plain");
        pub.publishWith().topic(topic).payload(new byte[] {2}).send(); // RETAIN 0
        pub.disconnect();
        Mqtt5BlockingClient c = client("late");
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter(topic).send();
            // MQTT-3.3.1-8 (3.1.1 MQTT-3.3.1-12): the retained message is still the first one
            assertThat(inbox.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes()).containsExactly(1);
        }
        c.disconnect();
    }
}
