package dev.murmur.node.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The accept path is guarded by the listener's max-connections: over it, CONNACK 0x97 / 0x03 and close. */
class ConnectionLimitTest {
    private static MurmurNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.listeners = [{ name = "small", kind = "tcp", host = "127.0.0.1", port = 0, max-connections = 2 }]
                """);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void connectionsBeyondTheLimitAreRefusedAndSlotsAreReleased() throws Exception {
        int port = node.mqttPort();
        RawClient a = new RawClient(port, MqttVersion.V5);
        a.send(RawClient.connect(MqttVersion.V5, Clients.id("a")));
        assertThat(((ConnAck) a.read()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
        RawClient b = new RawClient(port, MqttVersion.V3_1_1);
        b.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("b")));
        assertThat(((ConnAck) b.read()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);

        RawClient v5 = new RawClient(port, MqttVersion.V5);
        v5.send(RawClient.connect(MqttVersion.V5, Clients.id("c")));
        assertThat(((ConnAck) v5.read()).reasonCode()).isEqualTo(ReasonCode.QUOTA_EXCEEDED);
        assertThat(v5.isClosedByServer()).isTrue();
        v5.close();

        RawClient v3 = new RawClient(port, MqttVersion.V3_1_1);
        v3.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("d")));
        // 3.1.1 has no quota code: 0x03 "server unavailable" (the decoder maps it back to a v5 name)
        assertThat(((ConnAck) v3.read()).reasonCode().value()).isEqualTo(0x88);
        v3.close();
        assertThat(node.metrics().get(Counter.CONNECTIONS_REFUSED_QUOTA)).isEqualTo(2);

        a.close();
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            try (RawClient again = new RawClient(port, MqttVersion.V5)) {
                again.send(RawClient.connect(MqttVersion.V5, Clients.id("e")));
                assertThat(((ConnAck) again.read()).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            }
        });
        b.close();
    }
}
