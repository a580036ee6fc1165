package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PahoV5;
import dev.murmur.node.support.TestNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Application message properties travel unchanged from publisher to subscriber: user properties
 * in order, payload format indicator, content type, response topic and correlation data
 * (MQTT-3.3.2-4, MQTT-3.3.2-15, MQTT-3.3.2-16, MQTT-3.3.2-17, MQTT-3.3.2-18, MQTT-3.3.2-20),
 * with HiveMQ and Paho v5 as the two client libraries.
 */
class MessagePropertiesTest {
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
    void hiveMqPropertiesArriveUnchangedAndInOrder() throws Exception {
        String topic = "props/" + Clients.id("t");
        Mqtt5BlockingClient sub = Clients.v5(port, Clients.id("props-sub"));
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient pub = Clients.v5(port, Clients.id("props-pub"));
            pub.connect();
            pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"t\":21}".getBytes(StandardCharsets.UTF_8))
                    .payloadFormatIndicator(Mqtt5PayloadFormatIndicator.UTF_8)
                    .contentType("application/json")
                    .responseTopic("reply/" + topic)
                    .correlationData(new byte[] {9, 8, 7})
                    .userProperties().add("z", "1").add("a", "2").add("z", "3").applyUserProperties()
                    .send();
            Mqtt5Publish got = inbox.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(got.getPayloadFormatIndicator()).hasValue(Mqtt5PayloadFormatIndicator.UTF_8); // MQTT-3.3.2-4
            assertThat(got.getContentType()).hasValueSatisfying(v -> assertThat(v.toString())
                    .isEqualTo("application/json")); // MQTT-3.3.2-20
            assertThat(got.getResponseTopic()).hasValueSatisfying(v -> assertThat(v.toString())
                    .isEqualTo("reply/" + topic)); // MQTT-3.3.2-15
            assertThat(got.getCorrelationData()).hasValueSatisfying(b -> {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                assertThat(bytes).containsExactly(9, 8, 7); // MQTT-3.3.2-16
            });
            // MQTT-3.3.2-17, MQTT-3.3.2-18: every user property, in the order sent, duplicates kept
            assertThat(got.getUserProperties().asList().stream().map(p -> p.getName() + "=" + p.getValue())
                    .collect(Collectors.toList())).containsExactly("z=1", "a=2", "z=3");
            pub.disconnect();
        }
        sub.disconnect();
    }

    @Test
    void pahoV5RequestResponseKeepsCorrelationDataAndUserProperties() throws Exception {
        String requests = "svc/" + Clients.id("req");
        String replyTopic = "reply/" + Clients.id("r");
        try (PahoV5 responder = new PahoV5(port, Clients.id("responder"));
             PahoV5 requester = new PahoV5(port, Clients.id("requester"))) {
            responder.connect();
            requester.connect();
            responder.onMessage((topic, request) -> {
                MqttProperties in = request.getProperties();
                MqttMessage reply = new MqttMessage(("re:" + new String(request.getPayload(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
                MqttProperties out = new MqttProperties();
                out.setCorrelationData(in.getCorrelationData());
                out.setUserProperties(in.getUserProperties());
                reply.setProperties(out);
                reply.setQos(0); // MqttClient.publish from its own callback must not wait for an ack
                try {
                    responder.client().publish(in.getResponseTopic(), reply);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            responder.client().subscribe(new String[] {requests}, new int[] {1});
            assertThat(requester.client().subscribe(new String[] {replyTopic}, new int[] {1}).getGrantedQos())
                    .containsExactly(1);
            MqttMessage request = new MqttMessage("ping".getBytes(StandardCharsets.UTF_8));
            MqttProperties p = new MqttProperties();
            p.setResponseTopic(replyTopic);
            p.setCorrelationData(new byte[] {42, 43});
            p.setUserProperties(List.of(new UserProperty("trace", "t-1"), new UserProperty("hop", "1")));
            request.setProperties(p);
            request.setQos(1);
            requester.client().publish(requests, request);
            PahoV5.Received reply = requester.inbox().poll(5, TimeUnit.SECONDS);
            assertThat(reply).isNotNull();
            assertThat(new String(reply.message().getPayload(), StandardCharsets.UTF_8)).isEqualTo("re:ping");
            assertThat(reply.message().getProperties().getCorrelationData()).containsExactly(42, 43);
            assertThat(reply.message().getProperties().getUserProperties()).extracting(UserProperty::getKey)
                    .containsExactly("trace", "hop");
        }
    }
}
