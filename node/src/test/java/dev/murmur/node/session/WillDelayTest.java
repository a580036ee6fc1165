package dev.murmur.node.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Will Delay Interval (MQTT 5.0 3.1.3.2.2, 3.1.2.5): the will goes out when the delay has passed
 * or the session ends, whichever is first (MQTT-3.1.2-8), and not at all when the client comes
 * back in time (MQTT-3.1.3-9).
 */
class WillDelayTest {
    private static MurmurNode node;
    private static int port;
    private String willTopic;
    private Mqtt5BlockingClient watcher;
    private Mqtt5BlockingClient.Mqtt5Publishes wills;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void watch() {
        willTopic = "will/" + Clients.id("w");
        watcher = Clients.v5(port, Clients.id("watcher"));
        watcher.connect();
        wills = watcher.publishes(MqttGlobalPublishFilter.ALL);
        watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    @AfterEach
    void unwatch() {
        wills.close();
        watcher.disconnect();
    }

    /** A raw v5 device with a will of {@code delay} seconds and a session of {@code expiry} seconds. */
    private RawClient device(String id, long delay, long expiry, boolean cleanStart) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        Will will = new Will(willTopic, new byte[] {42}, QoS.AT_LEAST_ONCE, false,
                Properties.builder().willDelayInterval(delay).build());
        c.send(new Connect(MqttVersion.V5, id, cleanStart, 60, null, null, will,
                Properties.builder().sessionExpiryInterval(expiry).build()));
        c.expect(ConnAck.class);
        return c;
    }

    private Optional<Mqtt5Publish> will(Duration within) throws InterruptedException {
        return wills.receive(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void willWaitsForItsDelay() throws Exception {
        device(Clients.id("dev"), 1, 60, true).close(); // abrupt: no DISCONNECT
        long closedAt = System.nanoTime();
        Mqtt5Publish w = will(Duration.ofSeconds(5)).orElseThrow();
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(w.getPayloadAsBytes()).containsExactly(42);
    }

    @Test
    void reconnectingWithinTheDelayCancelsTheWill() throws Exception {
        String id = Clients.id("dev");
        device(id, 2, 60, true).close();
        RawClient back = device(id, 0, 60, false); // MQTT-3.1.3-9: back before the delay passed
        // nothing for longer than the delay (a will sent anyway would arrive within it)
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> will(Duration.ofMillis(50)).isEmpty());
        back.send(Disconnect.NORMAL);
        back.close();
    }

    @Test
    void sessionEndingFirstPublishesTheWillEarly() throws Exception {
        device(Clients.id("dev"), 30, 1, true).close();
        long closedAt = System.nanoTime();
        will(Duration.ofSeconds(8)).orElseThrow(); // MQTT-3.1.2-8: the session ended after 1 s, not 30
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void sessionThatEndsWithTheConnectionPublishesAtOnce() throws Exception {
        device(Clients.id("dev"), 30, 0, true).close();
        assertThat(will(Duration.ofSeconds(3))).isPresent();
    }

    @Test
    void disconnectWithWillMessageStillHonoursTheDelay() throws Exception {
        RawClient c = device(Clients.id("dev"), 1, 60, true);
        c.send(Disconnect.of(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE)); // 0x04: publish the will
        long closedAt = System.nanoTime();
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
        will(Duration.ofSeconds(5)).orElseThrow();
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void normalDisconnectDeletesADelayedWill() throws Exception {
        RawClient c = device(Clients.id("dev"), 1, 60, true);
        c.send(Disconnect.NORMAL); // MQTT-3.1.2-10
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> will(Duration.ofMillis(50)).isEmpty());
    }

    @Test
    void takeoverPublishesOnlyAWillWithoutDelay() throws Exception {
        String id = Clients.id("dev");
        RawClient first = device(id, 0, 60, true);
        RawClient second = device(id, 5, 60, false); // takes over: the first will (no delay) goes out
        assertThat(first.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.SESSION_TAKEN_OVER);
        first.close();
        will(Duration.ofSeconds(5)).orElseThrow();
        RawClient third = device(id, 0, 60, false); // takes over again: the second will waits 5 s, cancelled
        second.close();
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(2))
                .until(() -> will(Duration.ofMillis(50)).isEmpty());
        third.send(Disconnect.NORMAL);
        third.close();
    }

    @Test
    void willIsPublishedWithItsPropertiesInOrderAndItsRetainFlag() throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        Will will = new Will(willTopic, new byte[] {1}, QoS.AT_LEAST_ONCE, true, Properties.builder()
                .userProperty("b", "1").userProperty("a", "2").userProperty("b", "3").contentType("text/plain").build());
        c.send(new Connect(MqttVersion.V5, Clients.id("props"), true, 60, null, null, will, Properties.EMPTY));
        c.expect(ConnAck.class);
        c.close();
        Mqtt5Publish w = will(Duration.ofSeconds(5)).orElseThrow();
        // MQTT-3.1.3-10: user properties keep their order; the other will properties travel too
        assertThat(w.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
                .containsExactly("b=1", "a=2", "b=3");
        assertThat(w.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("text/plain"));
        // MQTT-3.1.2-15: Will Retain 1 publishes a retained message (a live subscriber sees RETAIN 0
        // without Retain As Published, so ask the store)
        Mqtt5BlockingClient late = Clients.v5(port, Clients.id("late"));
        late.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = late.publishes(MqttGlobalPublishFilter.ALL)) {
            late.subscribeWith().topicFilter(willTopic).send();
            assertThat(inbox.receive(5, TimeUnit.SECONDS).orElseThrow().isRetain()).isTrue();
        }
        late.disconnect();
    }

    @Test
    void disconnectWithAnErrorCodeKeepsTheWill() throws Exception {
        RawClient c = device(Clients.id("dev"), 0, 0, true);
        c.send(new Disconnect(ReasonCode.UNSPECIFIED_ERROR, Properties.builder().reasonString("sensor fault").build()));
        assertThat(c.isClosedByServer()).isTrue();
        c.close();
        // MQTT-3.1.2-8: only DISCONNECT 0x00 deletes the will; an error code leaves it to be published
        assertThat(will(Duration.ofSeconds(5))).isPresent();
    }
}
