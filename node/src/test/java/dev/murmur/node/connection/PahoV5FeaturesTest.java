package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.PahoV5;
import dev.murmur.node.support.TestNode;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MQTT 5 features through a second client library, Eclipse Paho v5. */
class PahoV5FeaturesTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.mqtt5.response-information-prefix = "rsp/"
                murmur.mqtt5.max-session-expiry-interval = 120
                """);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void connAckPropertiesAsPahoSeesThem() throws Exception {
        String id = Clients.id("paho");
        try (PahoV5 c = new PahoV5(port, id)) {
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setSessionExpiryInterval(3600L);
            o.setRequestResponseInfo(true);
            IMqttToken ack = c.connect(o);
            MqttProperties p = ack.getResponseProperties();
            assertThat(p.getReceiveMaximum()).isEqualTo(1024);
            assertThat(p.getMaximumPacketSize()).isEqualTo(1_048_576L);
            assertThat(p.getTopicAliasMaximum()).isEqualTo(32);
            assertThat(p.isRetainAvailable()).isTrue();
            assertThat(p.isSharedSubscriptionAvailable()).isTrue();
            assertThat(p.isWildcardSubscriptionsAvailable()).isTrue();
            assertThat(p.isSubscriptionIdentifiersAvailable()).isTrue();
            assertThat(p.getSessionExpiryInterval()).isEqualTo(120L); // cut to the server's maximum
            assertThat(p.getResponseInfo()).isEqualTo("rsp/" + id);
        }
    }

    @Test
    void subscriptionIdentifierAndTopicAliasesWithPaho() throws Exception {
        String topic = "paho/sid/" + Clients.id("t");
        BlockingQueue<MqttMessage> inbox = new LinkedBlockingQueue<>();
        MqttAsyncClient sub = new MqttAsyncClient("tcp://127.0.0.1:" + port, Clients.id("paho-sub"),
                new MemoryPersistence());
        sub.setCallback(new Inbox(inbox));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setTopicAliasMaximum(4); // lets the server alias topics towards Paho
        sub.connect(o).waitForCompletion(5000);
        MqttProperties subscribeProps = new MqttProperties();
        subscribeProps.setSubscriptionIdentifier(42);
        sub.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)}, null, null, subscribeProps)
                .waitForCompletion(5000);
        try (PahoV5 pub = new PahoV5(port, Clients.id("paho-pub"))) {
            pub.connect();
            for (int i = 0; i < 3; i++) {
                pub.client().publish(topic, new byte[] {(byte) i}, 1, false);
            }
        }
        for (int i = 0; i < 3; i++) {
            MqttMessage m = inbox.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.getPayload()).containsExactly(i); // aliased topics resolved by Paho, in order
            assertThat(m.getProperties().getSubscriptionIdentifiers()).containsExactly(42); // MQTT-3.3.4-3
        }
        sub.disconnect().waitForCompletion(5000);
        sub.close();
    }

    /** Collects messages of an async client. */
    private record Inbox(BlockingQueue<MqttMessage> inbox) implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            inbox.add(message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
        }
    }
}
