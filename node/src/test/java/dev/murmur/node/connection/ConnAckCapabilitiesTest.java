package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckRestrictions;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.property.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every capability a v5 CONNACK announces comes from configuration (MQTT 5.0 3.2.2.3), over TCP (MQTT-4.2.0-1). */
class ConnAckCapabilitiesTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.mqtt.receive-maximum = 77
                murmur.mqtt.max-packet-size = 50000
                murmur.mqtt5.topic-alias-maximum = 9
                murmur.mqtt5.server-keep-alive = 30
                murmur.mqtt5.max-session-expiry-interval = 600
                murmur.mqtt5.response-information-prefix = "response/"
                """);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void connAckAnnouncesTheConfiguredLimitsAndFeatures() {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("caps"));
        Mqtt5ConnAck ack = c.connectWith().keepAlive(10).send();
        Mqtt5ConnAckRestrictions r = ack.getRestrictions();
        assertThat(r.getReceiveMaximum()).isEqualTo(77); // 3.2.2.3.3
        assertThat(r.getMaximumPacketSize()).isEqualTo(50000); // 3.2.2.3.6
        assertThat(r.getTopicAliasMaximum()).isEqualTo(9); // 3.2.2.3.8
        assertThat(r.getMaximumQos()).isEqualTo(MqttQos.EXACTLY_ONCE); // absent: 2 (3.2.2.3.4)
        assertThat(r.isRetainAvailable()).isTrue();
        assertThat(r.isWildcardSubscriptionAvailable()).isTrue();
        assertThat(r.areSubscriptionIdentifiersAvailable()).isTrue();
        assertThat(r.isSharedSubscriptionAvailable()).isTrue();
        assertThat(ack.getServerKeepAlive()).isEmpty(); // 10 <= 30: the client's value stands (MQTT-3.2.2-22)
        assertThat(ack.getResponseInformation()).isEmpty(); // MQTT-3.1.2-28: not requested
        c.disconnect();
    }

    @Test
    void serverKeepAliveCapsALongerOrDisabledClientKeepAlive() {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("ka"));
        // MQTT-3.2.2-21: the client must use the Server Keep Alive when present
        assertThat(c.connectWith().keepAlive(0).send().getServerKeepAlive()).hasValue(30);
        c.disconnect();
        Mqtt5BlockingClient d = Clients.v5(port, Clients.id("ka"));
        assertThat(d.connectWith().keepAlive(300).send().getServerKeepAlive()).hasValue(30);
        d.disconnect();
    }

    @Test
    void sessionExpiryAboveTheMaximumIsCutAndAnnounced() {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("sx"));
        // 3.2.2.3.2: the server's Session Expiry Interval in CONNACK replaces the client's
        assertThat(c.connectWith().sessionExpiryInterval(100_000).send().getSessionExpiryInterval()).hasValue(600);
        c.disconnect();
        Mqtt5BlockingClient d = Clients.v5(port, Clients.id("sx"));
        assertThat(d.connectWith().sessionExpiryInterval(60).send().getSessionExpiryInterval()).isEmpty();
        d.disconnect();
    }

    @Test
    void responseInformationAnswersRequestResponseInformation() {
        String id = Clients.id("rr");
        Mqtt5BlockingClient c = Clients.v5(port, id);
        Mqtt5ConnAck ack = c.connectWith().restrictions().requestResponseInformation(true).applyRestrictions().send();
        assertThat(ack.getResponseInformation()).hasValueSatisfying(v -> assertThat(v.toString())
                .isEqualTo("response/" + id)); // 3.2.2.3.15
        c.disconnect();
    }

    @Test
    void assignedClientIdentifierIsAnnounced() throws Exception {
        try (RawClient raw = new RawClient(port, MqttVersion.V5)) {
            raw.send(RawClient.connectV5("", Properties.EMPTY));
            ConnAck ack = raw.expect(ConnAck.class); // MQTT-3.2.2-1: the strict decoder refuses reserved flag bits
            assertThat(ack.properties().assignedClientIdentifier()).startsWith("auto-"); // MQTT-3.2.2-16
        }
    }

    @Test
    void v311ConnAckCarriesNoProperties() throws Exception {
        try (RawClient raw = new RawClient(port, MqttVersion.V3_1_1)) {
            raw.send(RawClient.connect(MqttVersion.V3_1_1, Clients.id("v3")));
            assertThat(raw.expect(ConnAck.class).properties()).isEqualTo(Properties.EMPTY);
        }
    }
}
