package dev.murmur.node.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.AdminHttp;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PersistentSubscriber;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A will waiting for its Will Delay Interval when its session's node stops is not forgotten: the
 * restarted node wakes the session and the delay runs on from the recorded disconnect, so the
 * will is published without the device or anyone else touching the session (MQTT-3.1.2-8).
 */
class WillDelayRecoveryTest {
    private static final long WILL_DELAY_SECONDS = 3;

    @Test
    void aWillWaitingForItsDelayIsPublishedAfterTheNodeRestarts() throws Exception {
        Path journal = TestNode.freshJournalPath();
        String willTopic = Clients.id("will-recovery") + "/gone";
        String deviceId = Clients.id("will-device");
        PersistentSubscriber watcher = new PersistentSubscriber(Clients.id("will-watcher"), true, 1);
        MurmurNode first = TestNode.start("", journal);
        try {
            watcher.connect(first.mqttPort());
            watcher.subscribe(willTopic);
            watcher.disconnect();

            RawClient device = new RawClient(first.mqttPort(), MqttVersion.V5);
            Will will = new Will(willTopic, PersistentSubscriber.payload(7), QoS.AT_LEAST_ONCE, false,
                    Properties.builder().willDelayInterval(WILL_DELAY_SECONDS).build());
            device.send(new Connect(MqttVersion.V5, deviceId, true, 60, null, null, will,
                    Properties.builder().sessionExpiryInterval(3600L).build()));
            assertThat(device.read()).isInstanceOf(ConnAck.class);
            device.close(); // no DISCONNECT: the will is due after its delay (MQTT-3.1.2-8)

            AdminHttp http = new AdminHttp(first.adminPort());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode session = http.get("/api/v1/clients/" + deviceId).json().path("session");
                return !session.path("connected").asBoolean(true) && session.path("hasWill").asBoolean(false);
            });
        } finally {
            first.close(); // well inside the delay: nothing published yet
        }
        MurmurNode second = TestNode.start("", journal);
        try {
            assertThat(watcher.connect(second.mqttPort())).isTrue();
            // Nobody touches the device's session: only the restarted node's own wake-up can publish it.
            await().atMost(Duration.ofSeconds(30)).until(() -> watcher.distinctCount() >= 1);
            assertThat(watcher.received()).containsExactly(7);
            assertThat(second.metrics().get(dev.murmur.node.metrics.Counter.WILLS_PUBLISHED)).isEqualTo(1);
            watcher.disconnect();
        } finally {
            second.close();
        }
    }
}
