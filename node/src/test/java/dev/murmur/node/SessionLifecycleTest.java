package dev.murmur.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions over time: wills, takeover, resumption, keep-alive and client identifiers. */
class SessionLifecycleTest {
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

    private static Connect connectWithWill(MqttVersion v, String clientId, String willTopic) {
        Will will = new Will(willTopic, "gone".getBytes(UTF_8), QoS.AT_LEAST_ONCE, false, Properties.EMPTY);
        return new Connect(v, clientId, true, 60, null, null, will, Properties.EMPTY);
    }

    @Test
    void willIsPublishedWhenTheSocketDropsWithoutDisconnect() throws Exception {
        String willTopic = Clients.id("will");
        Mqtt5BlockingClient watcher = Clients.v5(port, Clients.id("watcher"));
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
            RawClient device = new RawClient(port, MqttVersion.V3_1_1);
            device.send(connectWithWill(MqttVersion.V3_1_1, Clients.id("dev"), willTopic));
            assertThat(device.read()).isInstanceOf(ConnAck.class);
            device.close(); // abrupt: no DISCONNECT (MQTT-3.1.2-8, MQTT-3.1.2-7, MQTT-3.1.2-14)
            Mqtt5Publish will = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(will.getPayloadAsBytes(), UTF_8)).isEqualTo("gone");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void willIsDiscardedOnNormalDisconnect() throws Exception {
        String willTopic = Clients.id("will");
        Mqtt5BlockingClient watcher = Clients.v5(port, Clients.id("watcher"));
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
            RawClient device = new RawClient(port, MqttVersion.V5);
            device.send(connectWithWill(MqttVersion.V5, Clients.id("dev"), willTopic));
            assertThat(device.read()).isInstanceOf(ConnAck.class);
            device.send(Disconnect.NORMAL); // MQTT-3.1.2-10, MQTT-3.14.4-3: the will is deleted
            assertThat(device.isClosedByServer()).isTrue(); // 5.0 3.14.4: the server closes too
            device.close();
            assertThat(received.receive(1, TimeUnit.SECONDS)).isEmpty();
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void secondConnectionWithSameIdTakesOverV5() throws Exception {
        String id = Clients.id("twin");
        RawClient first = new RawClient(port, MqttVersion.V5);
        first.send(RawClient.connect(MqttVersion.V5, id));
        assertThat(first.read()).isInstanceOf(ConnAck.class);

        Mqtt5BlockingClient second = Clients.v5(port, id);
        second.connect();
        // MQTT-3.1.4-3: the existing connection is told 0x8E and closed
        MqttPacket p = first.read();
        assertThat(p).isEqualTo(Disconnect.of(ReasonCode.SESSION_TAKEN_OVER));
        assertThat(first.isClosedByServer()).isTrue();
        first.close();
        second.disconnect();
    }

    @Test
    void secondConnectionWithSameIdTakesOverV311() throws Exception {
        String id = Clients.id("twin3");
        RawClient first = new RawClient(port, MqttVersion.V3_1_1);
        first.send(RawClient.connect(MqttVersion.V3_1_1, id));
        assertThat(first.read()).isInstanceOf(ConnAck.class);
        Mqtt3BlockingClient second = Clients.v3(port, id);
        second.connect();
        assertThat(first.isClosedByServer()).isTrue(); // 3.1.1 MQTT-3.1.4-2: no DISCONNECT in 3.1.1, a close
        first.close();
        second.disconnect();
    }

    @Test
    void resumedV5SessionGetsMessagesQueuedWhileOffline() throws Exception {
        String id = Clients.id("persistent");
        String topic = Clients.id("queued");
        Mqtt5BlockingClient sub = Clients.v5(port, id);
        Mqtt5ConnAck first = sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        assertThat(first.isSessionPresent()).isFalse();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();

        Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("pub"));
        pub.connect();
        for (int i = 0; i < 5; i++) {
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(("m" + i).getBytes(UTF_8)).send();
        }
        pub.disconnect();

        Mqtt5BlockingClient again = Clients.v5(port, id);
        try (Mqtt5BlockingClient.Mqtt5Publishes received = again.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt5ConnAck ack = again.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
            assertThat(ack.isSessionPresent()).isTrue(); // MQTT-3.2.2-3, MQTT-3.1.2-5, MQTT-4.5.0-1, MQTT-3.1.3-2
            for (int i = 0; i < 5; i++) {
                assertThat(new String(received.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(), UTF_8))
                        .isEqualTo("m" + i);
            }
        } finally {
            again.disconnectWith().sessionExpiryInterval(0).send();
        }
    }

    @Test
    void cleanStartDiscardsThePreviousSession() throws Exception {
        String id = Clients.id("clean");
        String topic = Clients.id("discarded");
        Mqtt3BlockingClient sub = Clients.v3(port, id);
        sub.connectWith().cleanSession(false).send();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();

        Mqtt3BlockingClient pub = Clients.v3(port, Clients.id("pub"));
        pub.connect();
        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
        pub.disconnect();

        Mqtt3BlockingClient again = Clients.v3(port, id);
        try (Mqtt3BlockingClient.Mqtt3Publishes received = again.publishes(MqttGlobalPublishFilter.ALL)) {
            Mqtt3ConnAck ack = again.connectWith().cleanSession(true).send();
            assertThat(ack.isSessionPresent()).isFalse(); // MQTT-3.2.2-2, MQTT-3.1.2-4, MQTT-3.1.4-4
            assertThat(received.receive(1, TimeUnit.SECONDS)).isEmpty();
        } finally {
            again.disconnect();
        }
    }

    @Test
    void resumedV311SessionKeepsSubscriptionsAndQueue() throws Exception {
        String id = Clients.id("v3persistent");
        String topic = Clients.id("v3queued");
        Mqtt3BlockingClient sub = Clients.v3(port, id);
        sub.connectWith().cleanSession(false).send();
        sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
        sub.disconnect();

        Mqtt3BlockingClient pub = Clients.v3(port, Clients.id("pub"));
        pub.connect();
        pub.publishWith().topic(topic).qos(MqttQos.EXACTLY_ONCE).payload("q2".getBytes(UTF_8)).send();
        pub.disconnect();

        Mqtt3BlockingClient again = Clients.v3(port, id);
        try (Mqtt3BlockingClient.Mqtt3Publishes received = again.publishes(MqttGlobalPublishFilter.ALL)) {
            assertThat(again.connectWith().cleanSession(false).send().isSessionPresent()).isTrue(); // 3.1.1 MQTT-3.2.2-2, 3.1.1 MQTT-3.1.2-4, 3.1.1 MQTT-3.1.2-5
            assertThat(received.receive(5, TimeUnit.SECONDS).orElseThrow().getQos()).isEqualTo(MqttQos.EXACTLY_ONCE);
        } finally {
            again.disconnect();
        }
    }

    @Test
    void keepAliveExpiryClosesTheConnectionWith0x8D() throws Exception {
        RawClient idle = new RawClient(port, MqttVersion.V5);
        idle.send(new Connect(MqttVersion.V5, Clients.id("idle"), true, 1, null, null, null, Properties.EMPTY));
        assertThat(idle.read()).isInstanceOf(ConnAck.class);
        long start = System.nanoTime();
        // MQTT-3.1.2-22, MQTT-3.2.2-22: nothing for 1.5 x keep alive -> the server disconnects (v5: 0x8D)
        assertThat(idle.read()).isEqualTo(Disconnect.of(ReasonCode.KEEP_ALIVE_TIMEOUT));
        assertThat(idle.isClosedByServer()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1_400));
        idle.close();
    }

    @Test
    void emptyClientIdGetsAnAssignedOneInV5() {
        Mqtt5BlockingClient c = com.hivemq.client.mqtt.mqtt5.Mqtt5Client.builder()
                .serverHost("127.0.0.1").serverPort(port).buildBlocking();
        Mqtt5ConnAck ack = c.connect();
        // MQTT-3.1.3-6 / MQTT-3.1.3-7 / MQTT-3.2.2-16: the server assigns an id and returns it
        assertThat(ack.getAssignedClientIdentifier()).isPresent();
        assertThat(ack.getAssignedClientIdentifier().get().toString()).startsWith("auto-");
        c.disconnect();
    }

    @Test
    void emptyClientIdIsAcceptedWithCleanSessionInV311() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V3_1_1);
        c.send(new Connect(MqttVersion.V3_1_1, "", true, 60, null, null, null, Properties.EMPTY));
        assertThat(c.read()).isEqualTo(new ConnAck(false, ReasonCode.SUCCESS, Properties.EMPTY)); // 3.1.1 MQTT-3.1.3-6, 3.1.1 MQTT-3.1.3-7
        c.close();
    }

    @Test
    void emptyClientIdWithoutCleanSessionIsRejectedInV311() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V3_1_1);
        c.send(new Connect(MqttVersion.V3_1_1, "", false, 60, null, null, null, Properties.EMPTY));
        // 3.1.1 MQTT-3.1.3-8, 3.1.1 MQTT-3.2.2-5: CONNACK 0x02 "identifier rejected", then close
        ConnAck ack = (ConnAck) c.read();
        assertThat(ack.reasonCode()).isEqualTo(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
    }
}
