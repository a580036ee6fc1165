package dev.murmur.node.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PrometheusText;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import java.net.URLEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every admin API endpoint against a running node with real clients (open on loopback, no credentials). */
class AdminApiTest {
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

    @Test
    void healthAndReadiness() {
        assertThat(http.get("/health").json().get("status").asText()).isEqualTo("up");
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/ready").status() == 200);
        JsonNode ready = http.get("/ready").json();
        assertThat(ready.get("ready").asBoolean()).isTrue();
        assertThat(ready.get("checks").get("cluster").get("ok").asBoolean()).isTrue();
        assertThat(ready.get("checks").get("accepting").get("ok").asBoolean()).isTrue();
    }

    @Test
    void readinessIsPluggable() {
        node.operations().readiness().register("test-journal", () -> java.util.concurrent.CompletableFuture
                .completedFuture(Readiness.Result.failed("journal does not answer")));
        try {
            AdminHttp.Reply r = http.get("/ready");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("checks").get("test-journal").get("detail").asText()).contains("journal");
        } finally {
            node.operations().readiness().register("test-journal", () -> java.util.concurrent.CompletableFuture
                    .completedFuture(Readiness.Result.ok("fine")));
        }
    }

    @Test
    void nodeClusterAndListeners() {
        JsonNode n = http.get("/api/v1/node").json();
        assertThat(n.get("node").asText()).isEqualTo("test");
        assertThat(n.get("status").asText()).isEqualTo("up");
        assertThat(n.has("connections")).isTrue();
        assertThat(n.get("messages").get("droppedByReason").has("queue_full")).isTrue();

        JsonNode c = http.get("/api/v1/cluster").json();
        assertThat(c.get("size").asInt()).isEqualTo(1);
        assertThat(c.get("unreachable").asInt()).isZero();
        JsonNode self = c.get("members").get(0);
        assertThat(self.get("self").asBoolean()).isTrue();
        assertThat(self.get("leader").asBoolean()).isTrue();
        assertThat(self.get("reachable").asBoolean()).isTrue();
        assertThat(self.get("status").asText()).isEqualTo("up");

        JsonNode l = http.get("/api/v1/listeners").json().get("listeners");
        assertThat(l).hasSize(1);
        assertThat(l.get(0).get("port").asInt()).isEqualTo(node.mqttPort());
        assertThat(l.get(0).get("kind").asText()).isEqualTo("tcp");
        assertThat(l.get(0).get("tls").isNull()).isTrue();
    }

    @Test
    void listsClientsWithFiltersAndPages() {
        String prefix = Clients.id("list");
        List<Mqtt5BlockingClient> v5 = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), prefix + "-v5-" + i);
            c.connectWith().simpleAuth().username("alice").applySimpleAuth().send();
            v5.add(c);
        }
        Mqtt3BlockingClient v3 = Clients.v3(node.mqttPort(), prefix + "-v3");
        v3.connect();
        try {
            JsonNode all = http.get("/api/v1/clients?prefix=" + prefix).json();
            assertThat(all.get("total").asInt()).isEqualTo(4);
            assertThat(all.get("clients")).hasSize(4);
            assertThat(all.get("clients").get(0).get("clientId").asText()).isEqualTo(prefix + "-v3"); // id order
            assertThat(all.get("clients").get(0).get("protocol").asText()).isEqualTo("3.1.1");
            assertThat(all.get("clients").get(0).get("remoteAddress").asText()).startsWith("127.0.0.1:");

            assertThat(http.get("/api/v1/clients?prefix=" + prefix + "&username=alice").json().get("total").asInt())
                    .isEqualTo(3);
            assertThat(http.get("/api/v1/clients?prefix=" + prefix + "&version=5").json().get("total").asInt())
                    .isEqualTo(3);
            assertThat(http.get("/api/v1/clients?prefix=" + prefix + "&version=3.1.1").json().get("total").asInt())
                    .isEqualTo(1);
            assertThat(http.get("/api/v1/clients?prefix=" + prefix + "&remote=127.0.0.1:").json().get("total").asInt())
                    .isEqualTo(4);
            assertThat(http.get("/api/v1/clients?prefix=" + prefix + "&remote=10.").json().get("total").asInt())
                    .isZero();

            JsonNode first = http.get("/api/v1/clients?prefix=" + prefix + "&limit=3").json();
            assertThat(first.get("clients")).hasSize(3);
            String next = first.get("next").asText();
            JsonNode second = http.get("/api/v1/clients?prefix=" + prefix + "&limit=3&after=" + next).json();
            assertThat(second.get("clients")).hasSize(1);
            assertThat(second.get("next").isNull()).isTrue();

            assertThat(http.get("/api/v1/clients?limit=0").status()).isEqualTo(400);
            assertThat(http.get("/api/v1/clients?version=7").status()).isEqualTo(400);
        } finally {
            v5.forEach(Mqtt5BlockingClient::disconnect);
            v3.disconnect();
        }
    }

    @Test
    void clientDetailShowsConnectionAndSession() {
        String id = Clients.id("detail");
        String topic = Clients.id("detail-topic");
        Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), id);
        c.connect();
        try {
            c.subscribeWith().topicFilter(topic + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
            JsonNode d = http.get("/api/v1/clients/" + id).json();
            assertThat(d.get("connected").asBoolean()).isTrue();
            assertThat(d.get("connection").get("protocol").asText()).isEqualTo("5");
            JsonNode session = d.get("session");
            assertThat(session.get("connected").asBoolean()).isTrue();
            assertThat(session.get("subscriptions")).hasSize(1);
            assertThat(session.get("subscriptions").get(0).get("filter").asText()).isEqualTo(topic + "/#");
            assertThat(session.get("subscriptions").get(0).get("maxQos").asInt()).isEqualTo(1);
            assertThat(session.get("inflight").asInt()).isZero();
            assertThat(session.get("queued").asInt()).isZero();
        } finally {
            c.disconnect();
        }
        assertThat(http.get("/api/v1/clients/" + Clients.id("nobody")).status()).isEqualTo(404);
    }

    @Test
    void kickDisconnectsWithAdministrativeAction() throws Exception {
        String id = Clients.id("kick");
        PrometheusText before = PrometheusText.parse(http.get("/metrics").body());
        try (RawClient raw = new RawClient(node.mqttPort(), MqttVersion.V5)) {
            raw.send(RawClient.connect(MqttVersion.V5, id));
            assertThat(raw.read()).isInstanceOf(ConnAck.class);
            AdminHttp.Reply r = http.post("/api/v1/clients/" + id + "/kick", "");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("kicked").asBoolean()).isTrue();
            assertThat(raw.read()).isEqualTo(Disconnect.of(ReasonCode.ADMINISTRATIVE_ACTION)); // MQTT 5.0 0x98
            assertThat(raw.isClosedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> http.get("/api/v1/clients?prefix=" + id).json()
                .get("total").asInt() == 0);
        PrometheusText after = PrometheusText.parse(http.get("/metrics").body());
        assertThat(after.value("murmur_disconnect_sent_total", "code", "0x98", "reason", "administrative_action")
                - before.value("murmur_disconnect_sent_total", "code", "0x98", "reason", "administrative_action"))
                .isEqualTo(1);
        assertThat(after.value("murmur_connections_closed_total", "reason", "admin_kick")
                - before.value("murmur_connections_closed_total", "reason", "admin_kick")).isEqualTo(1);
        assertThat(http.post("/api/v1/clients/" + id + "/kick", "").status()).isEqualTo(404);
    }

    @Test
    void listsAndDeletesPersistentSessions() {
        String id = Clients.id("persist");
        Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), id);
        c.connectWith().cleanStart(false).sessionExpiryInterval(3600).send();
        c.subscribeWith().topicFilter(Clients.id("ps") + "/x").qos(MqttQos.AT_LEAST_ONCE).send();
        c.disconnect();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode page = http.get("/api/v1/sessions?prefix=" + id).json();
            assertThat(page.get("sessions")).hasSize(1);
            JsonNode s = page.get("sessions").get(0);
            assertThat(s.get("clientId").asText()).isEqualTo(id);
            assertThat(s.get("connected").asBoolean()).isFalse();
            assertThat(s.get("persistent").asBoolean()).isTrue();
            assertThat(s.get("subscriptions").asInt()).isEqualTo(1);
        });
        assertThat(http.get("/api/v1/sessions/" + id).json().get("sessionExpirySeconds").asLong()).isEqualTo(3600);
        assertThat(http.get("/api/v1/clients/" + id).json().get("connected").asBoolean()).isFalse();

        AdminHttp.Reply deleted = http.delete("/api/v1/sessions/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/sessions/" + id).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/sessions/" + id).status()).isEqualTo(404);
        Mqtt5BlockingClient again = Clients.v5(node.mqttPort(), id);
        assertThat(again.connectWith().cleanStart(false).send().isSessionPresent()).isFalse(); // it is gone
        again.disconnect();
    }

    @Test
    void deletingAConnectedSessionDisconnectsItsClient() throws Exception {
        String id = Clients.id("delconn");
        try (RawClient raw = new RawClient(node.mqttPort(), MqttVersion.V5)) {
            raw.send(RawClient.connect(MqttVersion.V5, id));
            assertThat(raw.read()).isInstanceOf(ConnAck.class);
            assertThat(http.delete("/api/v1/sessions/" + id).status()).isEqualTo(200);
            assertThat(raw.read()).isEqualTo(Disconnect.of(ReasonCode.ADMINISTRATIVE_ACTION));
        }
    }

    @Test
    void deletingASessionDiscardsItsWill() throws Exception {
        String id = Clients.id("willdel");
        String willTopic = Clients.id("will") + "/gone";
        Mqtt5BlockingClient watcher = Clients.v5(node.mqttPort(), Clients.id("watch"));
        watcher.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = watcher.publishes(MqttGlobalPublishFilter.ALL)) {
            watcher.subscribeWith().topicFilter(willTopic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), id);
            c.connectWith().willPublish().topic(willTopic).payload("will".getBytes(UTF_8)).applyWillPublish().send();
            assertThat(http.delete("/api/v1/sessions/" + id).status()).isEqualTo(200);
            // a will would have been routed by the session before it answered; the marker comes after
            watcher.publishWith().topic(willTopic).qos(MqttQos.AT_LEAST_ONCE).payload("marker".getBytes(UTF_8)).send();
            Mqtt5Publish first = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(first.getPayloadAsBytes(), UTF_8)).isEqualTo("marker");
        } finally {
            watcher.disconnect();
        }
    }

    @Test
    void subscriptionsByFilterAndTopic() {
        String base = Clients.id("subs");
        Mqtt5BlockingClient a = Clients.v5(node.mqttPort(), base + "-a");
        Mqtt5BlockingClient b = Clients.v5(node.mqttPort(), base + "-b");
        a.connect();
        b.connect();
        try {
            a.subscribeWith().topicFilter(base + "/+/temp").qos(MqttQos.AT_LEAST_ONCE).send();
            b.subscribeWith().topicFilter(base + "/#").qos(MqttQos.AT_MOST_ONCE).send();
            b.subscribeWith().topicFilter(base + "/other").qos(MqttQos.EXACTLY_ONCE).send();
            JsonNode byPrefix = http.get("/api/v1/subscriptions?filter=" + enc(base)).json();
            assertThat(byPrefix.get("subscriptions")).hasSize(3);
            JsonNode byTopic = http.get("/api/v1/subscriptions?topic=" + enc(base + "/kitchen/temp")).json();
            assertThat(byTopic.get("subscriptions")).hasSize(2);
            assertThat(byTopic.get("subscriptions").findValuesAsText("clientId"))
                    .containsExactlyInAnyOrder(base + "-a", base + "-b");
            assertThat(http.get("/api/v1/subscriptions?topic=" + enc("bad/#")).status()).isEqualTo(400);
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    @Test
    void publishesBrowsesAndDeletesRetainedMessages() throws Exception {
        String topic = Clients.id("ret") + "/state";
        Mqtt5BlockingClient sub = Clients.v5(node.mqttPort(), Clients.id("retsub"));
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            AdminHttp.Reply r = http.post("/api/v1/publish",
                    "{\"topic\":\"" + topic + "\",\"payload\":\"on\",\"qos\":1,\"retain\":true}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("matchedShards").asInt()).isEqualTo(1);
            Mqtt5Publish p = received.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(p.getPayloadAsBytes(), UTF_8)).isEqualTo("on");
            assertThat(p.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
        } finally {
            sub.disconnect();
        }
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.get("/api/v1/retained?filter=" + enc(topic)).json().get("total").asInt() == 1);
        JsonNode m = http.get("/api/v1/retained?filter=" + enc(topic)).json().get("messages").get(0);
        assertThat(m.get("topic").asText()).isEqualTo(topic);
        assertThat(m.get("payload").asText()).isEqualTo("on");
        assertThat(m.get("publisher").asText()).isEqualTo("$admin");

        assertThat(http.delete("/api/v1/retained?topic=" + enc(topic)).status()).isEqualTo(200);
        assertThat(http.get("/api/v1/retained?filter=" + enc(topic)).json().get("total").asInt()).isZero();
        assertThat(http.delete("/api/v1/retained?topic=" + enc(topic)).status()).isEqualTo(404);
        assertThat(http.delete("/api/v1/retained").status()).isEqualTo(400);

        assertThat(http.post("/api/v1/publish", "{\"topic\":\"a/#\",\"payload\":\"x\"}").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/publish", "{\"topic\":\"a\",\"qos\":3}").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/publish", "not json").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/publish", "{\"topic\":\"a\",\"payloadBase64\":\"AAE=\"}").status()).isEqualTo(200);
    }

    @Test
    void changesLogLevelsAtRunTime() {
        String logger = "dev.murmur.node.admin.LevelProbe";
        AdminHttp.Reply set = http.put("/api/v1/loggers/" + logger, "{\"level\":\"DEBUG\"}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(org.slf4j.LoggerFactory.getLogger(logger).isDebugEnabled()).isTrue();
        JsonNode list = http.get("/api/v1/loggers?prefix=" + logger).json().get("loggers");
        assertThat(list.get(0).get("level").asText()).isEqualTo("DEBUG");
        assertThat(http.put("/api/v1/loggers/" + logger, "{\"level\":null}").json().get("level").isNull()).isTrue();
        assertThat(org.slf4j.LoggerFactory.getLogger(logger).isDebugEnabled()).isFalse();
        assertThat(http.put("/api/v1/loggers/" + logger, "{\"level\":\"LOUD\"}").status()).isEqualTo(400);
    }

    @Test
    void unknownPathsAndMethodsAnswerJson() {
        AdminHttp.Reply notFound = http.get("/api/v1/nothing");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.json().get("status").asInt()).isEqualTo(404);
        AdminHttp.Reply wrongMethod = http.delete("/api/v1/node");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Allow")).contains("GET");
        assertThat(wrongMethod.json().has("error")).isTrue();
    }

    @Test
    void servesTheDashboardPage() {
        AdminHttp.Reply page = http.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<html").doesNotContain("http://", "https://");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, UTF_8);
    }
}
