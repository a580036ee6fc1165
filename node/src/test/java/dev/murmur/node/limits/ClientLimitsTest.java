package dev.murmur.node.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.Publish;
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

/** Per-client limits: publish rate (backpressure, then 0x96), subscriptions, topic depth. */
class ClientLimitsTest {
    private static final int RATE = 100;
    private static MurmurNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.limits.client {
                  publish-rate = %d
                  # a client is back within quota once it saved up half a burst: 0.5 s here, far
                  # more than a late timer on a loaded machine
                  publish-burst = 100
                  max-throttled-time = 2s
                  max-subscriptions = 2
                  max-topic-levels = 3
                }
                """.formatted(RATE));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawClient connected(MqttVersion v) throws Exception {
        RawClient c = new RawClient(node.mqttPort(), v);
        c.send(RawClient.connect(v, Clients.id("limits")));
        assertThat(c.read()).isInstanceOf(ConnAck.class);
        return c;
    }

    @Test
    void burstOverTheRateIsSlowedDownNotDropped() throws Exception {
        String topic = Clients.id("rate");
        Mqtt5BlockingClient sub = Clients.v5(node.mqttPort(), Clients.id("rate-sub"));
        sub.connect();
        int messages = 160;
        try (Mqtt5BlockingClient.Mqtt5Publishes got = sub.publishes(MqttGlobalPublishFilter.ALL);
             RawClient pub = connected(MqttVersion.V5)) {
            sub.subscribeWith().topicFilter(topic).send();
            long throttledBefore = node.metrics().get(Counter.CLIENTS_THROTTLED);
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                pub.send(new Publish(topic, QoS.AT_MOST_ONCE, false, false, 0, new byte[] {(byte) i}, Properties.EMPTY));
            }
            for (int i = 0; i < messages; i++) {
                assertThat(got.receive(5, TimeUnit.SECONDS)).as("message %d", i).isPresent();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // 100 at once, then 100 a second: the last of 160 cannot arrive before ~0.6 s.
            assertThat(took).isGreaterThan(Duration.ofMillis((messages - 100) * 1000L / RATE * 8 / 10));
            assertThat(node.metrics().get(Counter.CLIENTS_THROTTLED)).isGreaterThan(throttledBefore);
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void persistentOffenderGetsMessageRateTooHigh() throws Exception {
        long before = node.metrics().get(Counter.RATE_LIMIT_DISCONNECTS);
        try (RawClient pub = connected(MqttVersion.V5)) {
            Thread flooder = new Thread(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) { // 20 s worth at the quota: far more than 2 s
                        pub.send(new Publish("flood/x", QoS.AT_MOST_ONCE, false, false, 0, new byte[8], Properties.EMPTY));
                    }
                } catch (Exception closed) {
                    // the server ended the connection: expected
                }
            });
            flooder.start();
            MqttPacket last = null;
            for (MqttPacket p = pub.read(); p != null; p = pub.read()) {
                last = p;
            }
            assertThat(last).isInstanceOfSatisfying(Disconnect.class,
                    d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.MESSAGE_RATE_TOO_HIGH));
            flooder.join(10_000);
        }
        assertThat(node.metrics().get(Counter.RATE_LIMIT_DISCONNECTS)).isGreaterThan(before);
    }

    @Test
    void subscriptionsBeyondTheLimitGetQuotaExceeded() throws Exception {
        try (RawClient c = connected(MqttVersion.V5)) {
            c.send(new Subscribe(1, List.of(Subscription.of("a/1", QoS.AT_MOST_ONCE), Subscription.of("a/2", QoS.AT_MOST_ONCE),
                    Subscription.of("a/3", QoS.AT_MOST_ONCE)), Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, s -> assertThat(s.reasonCodes()).containsExactly(
                    ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_0, ReasonCode.QUOTA_EXCEEDED));
            c.send(new Subscribe(2, List.of(Subscription.of("a/1", QoS.AT_LEAST_ONCE)), Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, // replacing one is not a new one
                    s -> assertThat(s.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_1));
        }
        try (RawClient c = connected(MqttVersion.V3_1_1)) {
            c.send(new Subscribe(1, List.of(Subscription.of("a/1", QoS.AT_MOST_ONCE), Subscription.of("a/2", QoS.AT_MOST_ONCE),
                    Subscription.of("a/3", QoS.AT_MOST_ONCE)), Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, s -> assertThat(s.reasonCodes())
                    .extracting(ReasonCode::value).containsExactly(0, 0, 0x80));
        }
    }

    @Test
    void tooManyTopicLevelsAreRefused() throws Exception {
        try (RawClient c = connected(MqttVersion.V5)) {
            c.send(new Subscribe(1, List.of(Subscription.of("a/b/c/d", QoS.AT_MOST_ONCE), Subscription.of("a/b/c", QoS.AT_MOST_ONCE)),
                    Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, s -> assertThat(s.reasonCodes())
                    .containsExactly(ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.GRANTED_QOS_0));
            c.send(new Publish("a/b/c/d", QoS.AT_LEAST_ONCE, false, false, 5, new byte[0], Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(PubAck.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.TOPIC_NAME_INVALID));
        }
    }
}
