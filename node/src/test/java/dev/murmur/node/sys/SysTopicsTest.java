package dev.murmur.node.sys;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** $SYS/broker/... statistics are published (retained) every sys-interval. */
class SysTopicsTest {

    @Test
    void brokerStatisticsArePublishedAndKeptCurrent() throws Exception {
        MurmurNode node = TestNode.start("murmur.sys { enabled = on, interval = 200ms }");
        Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), Clients.id("sys"));
        c.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = c.publishes(MqttGlobalPublishFilter.ALL)) {
            c.subscribeWith().topicFilter("$SYS/broker/#").qos(MqttQos.AT_MOST_ONCE).send();
            Map<String, String> latest = new HashMap<>();
            List<String> expected = List.of("$SYS/broker/version", "$SYS/broker/uptime",
                    "$SYS/broker/messages/received", "$SYS/broker/bytes/sent", "$SYS/broker/subscriptions/count",
                    "$SYS/broker/retained messages/count");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline && !(latest.keySet().containsAll(expected)
                    && "1".equals(latest.get("$SYS/broker/clients/connected"))
                    && "1".equals(latest.get("$SYS/broker/cluster/clients/connected")))) {
                Optional<Mqtt5Publish> p = received.receive(1, TimeUnit.SECONDS);
                p.ifPresent(m -> latest.put(m.getTopic().toString(), new String(m.getPayloadAsBytes(), UTF_8)));
            }
            assertThat(latest).containsKeys(expected.toArray(String[]::new));
            assertThat(latest.get("$SYS/broker/version")).startsWith("murmur ");
            assertThat(latest.get("$SYS/broker/clients/connected")).isEqualTo("1");
            // issue 10: the same count per node and, on a cluster of one, cluster-wide
            assertThat(latest.get("$SYS/broker/nodes/test/clients/connected")).isEqualTo("1");
            assertThat(latest.get("$SYS/broker/cluster/clients/connected")).isEqualTo("1");
            assertThat(latest.get("$SYS/broker/cluster/nodes")).isEqualTo("1");
            assertThat(latest).containsKeys("$SYS/broker/cluster/messages/received",
                    "$SYS/broker/nodes/test/messages/sent");
        } finally {
            c.disconnect();
            node.close();
        }
    }
}
