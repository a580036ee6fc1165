package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session Expiry Interval (MQTT 5.0 3.1.2.11.2, 3.14.2.2.2, 4.1): set by CONNECT, changed by
 * DISCONNECT, 0xFFFFFFFF never expires, 3.1.1 clean session maps onto it; an expired session
 * and its queue are gone.
 */
class SessionExpiryTest {
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

    private static long expired() {
        return node.metrics().get(Counter.SESSIONS_EXPIRED);
    }

    /** Connects {@code id} with clean start and {@code expiry}, subscribes to {@code topic} at QoS 1. */
    private static Mqtt5BlockingClient persistent(String id, long expiry, String topic) {
        Mqtt5BlockingClient c = Clients.v5(port, id);
        c.connectWith().cleanStart(true).sessionExpiryInterval(expiry).send();
        c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        return c;
    }

    private static void publish(String topic) {
        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        pub.connect();
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
        pub.disconnect();
    }

    @Test
    void sessionAndQueueAreRemovedWhenTheIntervalPasses() throws Exception {
        String id = Clients.id("expire");
        String topic = "sx/" + id;
        long before = expired();
        persistent(id, 1, topic).disconnect();
        long disconnectedAt = System.nanoTime();
        publish(topic); // queued for the offline session
        await().atMost(Duration.ofSeconds(10)).until(() -> expired() > before);
        // MQTT-4.1.0-2 (v5 4.1): the session state is discarded when the interval has passed, not before
        assertThat(Duration.ofNanos(System.nanoTime() - disconnectedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        Mqtt5BlockingClient again = Clients.v5(port, id);
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = again.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent())
                    .isFalse(); // MQTT-3.2.2-3, MQTT-3.1.2-6: nothing to resume, a new session
            assertThat(inbox.receive(300, TimeUnit.MILLISECONDS)).isEmpty(); // the queued message went with it
        }
        again.disconnect();
    }

    @Test
    void disconnectCanShortenTheInterval() {
        String id = Clients.id("shorten");
        long before = expired();
        Mqtt5BlockingClient c = persistent(id, 3600, "sx/" + id);
        c.disconnectWith().sessionExpiryInterval(1).send(); // 3.14.2.2.2
        await().atMost(Duration.ofSeconds(10)).until(() -> expired() > before);
    }

    @Test
    void disconnectCanExtendTheInterval() throws Exception {
        String id = Clients.id("extend");
        String topic = "sx/" + id;
        Mqtt5BlockingClient c = persistent(id, 1, topic);
        c.disconnectWith().sessionExpiryInterval(3600).send();
        publish(topic);
        // the session outlives the 1 s of its CONNECT; waiting for 1.5 s proves it
        await().pollDelay(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> true);
        Mqtt5BlockingClient again = Clients.v5(port, id);
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = again.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent())
                    .isTrue(); // MQTT-3.2.2-3
            assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent();
        }
        again.disconnect();
    }

    @Test
    void nonZeroExpiryOnDisconnectAfterZeroOnConnectIsAProtocolError() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(Clients.id("zero"), Properties.EMPTY)); // absent: 0
        c.expect(ConnAck.class);
        c.send(new Disconnect(ReasonCode.NORMAL_DISCONNECTION,
                Properties.builder().sessionExpiryInterval(60L).build())); // 3.14.2.2.2: Protocol Error
        assertThat(c.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }

    @Test
    void maximumIntervalNeverExpires() throws Exception {
        String id = Clients.id("forever");
        String topic = "sx/" + id;
        Mqtt5BlockingClient c = Clients.v5(port, id);
        // 0xFFFFFFFF: the session does not expire (3.1.2.11.2); no expiry is announced back
        assertThat(c.connectWith().cleanStart(true).sessionExpiryInterval(0xFFFF_FFFFL).send()
                .getSessionExpiryInterval()).isEmpty();
        c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        c.disconnect();
        publish(topic);
        Mqtt5BlockingClient again = Clients.v5(port, id);
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = again.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(0).send().isSessionPresent())
                    .isTrue();
            assertThat(inbox.receive(5, TimeUnit.SECONDS)).isPresent();
        }
        again.disconnect();
    }

    private static long subscriptions() {
        return node.metrics().subscriptionsCurrent().get();
    }

    @Test
    void zeroIntervalEndsTheSessionWithTheConnection() {
        String id = Clients.id("zero");
        long before = subscriptions();
        persistent(id, 0, "sx/" + id).disconnect();
        // MQTT-3.1.2-23 (v5 3.1.2.11.2): expiry 0 ends the session when the connection closes
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriptions() == before);
        Mqtt5BlockingClient again = Clients.v5(port, id);
        assertThat(again.connectWith().cleanStart(false).send().isSessionPresent()).isFalse();
        again.disconnect();
    }

    @Test
    void v311CleanSessionMapsOntoTheInterval() throws Exception {
        String id = Clients.id("v3");
        Mqtt3BlockingClient keep = Clients.v3(port, id);
        keep.connectWith().cleanSession(false).send();
        keep.subscribeWith().topicFilter("sx/" + id).send();
        keep.disconnect();
        Mqtt3BlockingClient back = Clients.v3(port, id);
        // clean session 0: the session outlives the connection (3.1.1 MQTT-3.1.2-4), never expiring
        assertThat(back.connectWith().cleanSession(false).send().isSessionPresent()).isTrue();
        back.disconnect();
        long withKept = subscriptions();
        Mqtt3BlockingClient clean = Clients.v3(port, id);
        // clean session 1: the old session is discarded (3.1.1 MQTT-3.1.2-6) ...
        assertThat(clean.connectWith().cleanSession(true).send().isSessionPresent()).isFalse();
        clean.subscribeWith().topicFilter("sx/clean/" + id).send();
        clean.disconnect();
        // ... and the new one ends with the connection: both subscriptions are gone
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriptions() == withKept - 1);
        Mqtt3BlockingClient after = Clients.v3(port, id);
        assertThat(after.connectWith().cleanSession(false).send().isSessionPresent()).isFalse();
        after.disconnect();
    }
}
