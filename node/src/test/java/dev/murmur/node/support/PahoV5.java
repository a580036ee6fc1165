package dev.murmur.node.support;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The Eclipse Paho MQTT v5 client pointed at a test node. Messages arrive through one callback
 * (Paho 1.2.5's per-subscription listeners recurse forever in MqttClient.subscribe).
 */
public final class PahoV5 implements AutoCloseable {
    /** A received message with its topic. */
    public record Received(String topic, MqttMessage message) {
    }

    private final MqttClient client;
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private volatile BiConsumer<String, MqttMessage> handler;
    private volatile MqttDisconnectResponse disconnected;

    public PahoV5(int port, String clientId) throws MqttException {
        client = new MqttClient("tcp://127.0.0.1:" + port, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                disconnected = response;
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                BiConsumer<String, MqttMessage> h = handler;
                if (h != null) {
                    h.accept(topic, message);
                } else {
                    inbox.add(new Received(topic, message));
                }
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
        });
    }

    /** Connects with clean start; returns the CONNACK token (its response properties are the CONNACK's). */
    public IMqttToken connect() throws MqttException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        return connect(o);
    }

    public IMqttToken connect(MqttConnectionOptions options) throws MqttException {
        return client.connectWithResult(options);
    }

    /** Handles messages in the callback thread instead of queueing them. */
    public void onMessage(BiConsumer<String, MqttMessage> h) {
        handler = h;
    }

    public BlockingQueue<Received> inbox() {
        return inbox;
    }

    public MqttClient client() {
        return client;
    }

    public MqttDisconnectResponse disconnectedBy() {
        return disconnected;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
