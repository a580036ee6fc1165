package dev.murmur.node.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.prometheus.BrokerCollector;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PrometheusText;
import dev.murmur.node.support.TestNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scrapes /metrics before and after real client traffic (HiveMQ client, v5 and v3) and checks
 * that every counter moved by exactly what the traffic implies. The exposition is parsed strictly.
 */
class MetricsScrapeTest {
    private static MurmurNode node;
    private static AdminHttp http;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        http = new AdminHttp(node.adminPort());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static PrometheusText scrape() {
        AdminHttp.Reply r = http.get("/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        return PrometheusText.parse(r.body());
    }

    @Test
    void countersMoveByWhatTheTrafficImplies() throws Exception {
        PrometheusText before = scrape();
        String topic = Clients.id("metrics");
        Mqtt5BlockingClient sub = Clients.v5(node.mqttPort(), Clients.id("msub"));
        Mqtt3BlockingClient pub = Clients.v3(node.mqttPort(), Clients.id("mpub"));
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < 5; i++) {
                pub.publishWith().topic(topic + "/a").qos(MqttQos.AT_MOST_ONCE).payload(("q0-" + i).getBytes(UTF_8)).send();
            }
            for (int i = 0; i < 3; i++) {
                pub.publishWith().topic(topic + "/b").qos(MqttQos.AT_LEAST_ONCE).payload(("q1-" + i).getBytes(UTF_8)).send();
            }
            for (int i = 0; i < 2; i++) { // nobody listens here
                pub.publishWith().topic(Clients.id("void") + "/x").qos(MqttQos.AT_MOST_ONCE).payload(new byte[10]).send();
            }
            for (int i = 0; i < 8; i++) {
                assertThat(received.receive(5, TimeUnit.SECONDS)).isPresent();
            }
        }
        PrometheusText during = scrape();
        assertThat(during.value("murmur_connections") - before.value("murmur_connections")).isEqualTo(2);
        assertThat(during.value("murmur_subscriptions") - before.value("murmur_subscriptions")).isEqualTo(1);
        assertThat(during.value("murmur_sessions") - before.value("murmur_sessions")).isEqualTo(2);
        sub.disconnect();
        pub.disconnect();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusText after = scrape();
            assertThat(delta(before, after, "murmur_connections_opened_total")).isEqualTo(2);
            assertThat(delta(before, after, "murmur_connections_closed_total", "reason", "client_disconnect")).isEqualTo(2);
            assertThat(delta(before, after, "murmur_connections")).isZero();
            assertThat(delta(before, after, "murmur_sessions")).isZero();
        });
        PrometheusText after = scrape();
        // messages by QoS (MQTT-3.3.1: a QoS 0 publish is delivered at QoS 0 even to a QoS 1 subscription)
        assertThat(delta(before, after, "murmur_messages_published_total", "qos", "0")).isEqualTo(7);
        assertThat(delta(before, after, "murmur_messages_published_total", "qos", "1")).isEqualTo(3);
        assertThat(delta(before, after, "murmur_messages_delivered_total", "qos", "0")).isEqualTo(5);
        assertThat(delta(before, after, "murmur_messages_delivered_total", "qos", "1")).isEqualTo(3);
        assertThat(delta(before, after, "murmur_messages_dropped_total", "qos", "0", "reason", "no_subscribers"))
                .isEqualTo(2);
        assertThat(deltaSum(before, after, "murmur_messages_dropped_total")).isEqualTo(2);
        // packets by type, both directions
        assertThat(delta(before, after, "murmur_packets_received_total", "type", "connect")).isEqualTo(2);
        assertThat(delta(before, after, "murmur_packets_received_total", "type", "subscribe")).isEqualTo(1);
        assertThat(delta(before, after, "murmur_packets_received_total", "type", "publish")).isEqualTo(10);
        assertThat(delta(before, after, "murmur_packets_received_total", "type", "puback")).isEqualTo(3);
        assertThat(delta(before, after, "murmur_packets_received_total", "type", "disconnect")).isEqualTo(2);
        assertThat(delta(before, after, "murmur_packets_sent_total", "type", "connack")).isEqualTo(2);
        assertThat(delta(before, after, "murmur_packets_sent_total", "type", "suback")).isEqualTo(1);
        assertThat(delta(before, after, "murmur_packets_sent_total", "type", "publish")).isEqualTo(8);
        assertThat(delta(before, after, "murmur_packets_sent_total", "type", "puback")).isEqualTo(3);
        // bytes by type add up to exactly what crossed the sockets
        assertThat(deltaSum(before, after, "murmur_packet_bytes_received_total"))
                .isEqualTo(delta(before, after, "murmur_network_bytes_received_total")).isPositive();
        assertThat(deltaSum(before, after, "murmur_packet_bytes_sent_total"))
                .isEqualTo(delta(before, after, "murmur_network_bytes_sent_total")).isPositive();
        // reason codes
        assertThat(delta(before, after, "murmur_connack_sent_total", "code", "0x00", "reason", "success")).isEqualTo(2);
        assertThat(deltaSum(before, after, "murmur_disconnect_received_total")).isEqualTo(2);
        // latency: one observation per delivered message, sub-millisecond buckets exist
        assertThat(delta(before, after, "murmur_delivery_latency_seconds_count")).isEqualTo(8);
        assertThat(delta(before, after, "murmur_delivery_latency_seconds_bucket", "le", "+Inf")).isEqualTo(8);
        assertThat(after.has("murmur_delivery_latency_seconds_bucket", "le", "5.0E-5")
                || after.has("murmur_delivery_latency_seconds_bucket", "le", "0.00005")).isTrue();
        assertThat(after.value("murmur_inflight_messages")).isZero();
    }

    @Test
    void exposesJvmClusterAndEveryCounter() {
        Mqtt5BlockingClient client = Clients.v5(node.mqttPort(), Clients.id("shard")); // a session allocates a shard
        client.connect();
        client.disconnect();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(scrape().sum("murmur_cluster_shards")).isPositive()); // polled from sharding
        PrometheusText m = scrape();
        assertThat(m.value("murmur_cluster_members", "status", "up")).isEqualTo(1);
        assertThat(m.value("murmur_cluster_unreachable_members")).isZero();
        assertThat(m.type("jvm_memory_used_bytes")).isEqualTo("gauge");
        assertThat(m.type("jvm_threads_current")).isEqualTo("gauge");
        assertThat(m.families()).anyMatch(f -> f.startsWith("jvm_gc_"));
        assertThat(m.type("murmur_delivery_latency_seconds")).isEqualTo("histogram");
        assertThat(m.type("murmur_journal_write_latency_seconds")).isEqualTo("histogram");
        for (Counter c : Counter.values()) {
            if (!BrokerCollector.isLabelled(c)) {
                assertThat(m.type(BrokerCollector.familyOf(c) + "_total")).as(c.name()).isEqualTo("counter");
            }
        }
        // low cardinality: no label carries a client id or a topic
        assertThat(m.samples().keySet()).noneMatch(k -> k.matches(".*[{,](client_?id|clientId|topic|username)=.*"));
    }

    @Test
    void openMetricsOnRequest() {
        AdminHttp.Reply r = http.get("/metrics", "application/openmetrics-text; version=1.0.0");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/openmetrics-text");
        assertThat(r.body()).contains("# TYPE murmur_messages_published counter").endsWith("# EOF\n");
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static double deltaSum(PrometheusText before, PrometheusText after, String name) {
        return after.sum(name) - before.sum(name);
    }
}
