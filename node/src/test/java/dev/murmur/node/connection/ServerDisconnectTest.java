package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.Test;

/**
 * Server-initiated endings with their precise reason codes (MQTT 5.0 4.13.2, 3.14.2.1): an
 * operator's disconnect (0x98), redirection of a client (0x9C / 0x9D with a Server Reference,
 * 4.11) and redirection of every new v5 connection from configuration. Takeover (0x8E),
 * keep-alive (0x8D), shutdown (0x8B), 0x93, 0x94, 0x95, 0x97 and 0x99 are covered where those
 * features are tested.
 */
class ServerDisconnectTest {

    private static RawClient connected(int port, String id) throws Exception {
        RawClient c = new RawClient(port, MqttVersion.V5);
        c.send(RawClient.connectV5(id, Properties.EMPTY));
        c.expect(ConnAck.class);
        return c;
    }

    @Test
    void operatorDisconnectUses0x98AndRedirectCarriesTheServerReference() throws Exception {
        try (MurmurNode node = TestNode.start()) {
            String id = Clients.id("victim");
            RawClient c = connected(node.mqttPort(), id);
            node.disconnectClient(id, ReasonCode.ADMINISTRATIVE_ACTION, null);
            Disconnect d = c.expect(Disconnect.class);
            assertThat(d.reasonCode()).isEqualTo(ReasonCode.ADMINISTRATIVE_ACTION); // MQTT-3.14.2-1
            assertThat(d.properties().reasonString()).isNotBlank();
            assertThat(d.properties().sessionExpiryInterval()).isNull(); // MQTT-3.14.2-2
            assertThat(c.isClosedByServer()).isTrue();
            c.close();

            String moving = Clients.id("moving");
            RawClient m = connected(node.mqttPort(), moving);
            node.disconnectClient(moving, ReasonCode.SERVER_MOVED, "mqtt2.example.net:1883");
            Disconnect moved = m.expect(Disconnect.class);
            assertThat(moved.reasonCode()).isEqualTo(ReasonCode.SERVER_MOVED);
            assertThat(moved.properties().serverReference()).isEqualTo("mqtt2.example.net:1883"); // 4.11
            m.close();
        }
    }

    @Test
    void configuredRedirectRefusesV5ConnectionsWithTheReference() throws Exception {
        try (MurmurNode node = TestNode.start("""
                murmur.mqtt5.redirect = use-another-server
                murmur.mqtt5.server-reference = "other.example.net"
                """)) {
            Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), Clients.id("redirected"));
            assertThatThrownBy(c::connect).isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> {
                assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.USE_ANOTHER_SERVER);
                assertThat(e.getMqttMessage().getServerReference()).hasValueSatisfying(r ->
                        assertThat(r.toString()).isEqualTo("other.example.net"));
            });
            // 3.1.1 has no redirection: such clients are served as usual
            try (RawClient v3 = new RawClient(node.mqttPort(), MqttVersion.V3_1_1)) {
                v3.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("v3")));
                assertThat(v3.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            }
        }
    }

    @Test
    void permanentRedirectUses0x9D() throws Exception {
        try (MurmurNode node = TestNode.start("""
                murmur.mqtt5.redirect = server-moved
                murmur.mqtt5.server-reference = "new.example.net"
                """)) {
            try (RawClient c = new RawClient(node.mqttPort(), MqttVersion.V5)) {
                c.send(RawClient.connectV5(Clients.id("r"), Properties.EMPTY));
                ConnAck ack = c.expect(ConnAck.class);
                assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SERVER_MOVED); // MQTT-3.2.2-8
                assertThat(ack.properties().serverReference()).isEqualTo("new.example.net");
                assertThat(ack.sessionPresent()).isFalse(); // MQTT-3.2.2-6
                assertThat(c.isClosedByServer()).isTrue(); // MQTT-3.2.2-7
            }
        }
    }
}
