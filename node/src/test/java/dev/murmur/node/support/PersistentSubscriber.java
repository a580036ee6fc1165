package dev.murmur.node.support;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A persistent-session subscriber (v5: clean start 0, session expiry 1 h; v3.1.1: clean session 0)
 * on a real client library that records the sequence number (a 4-byte payload) of every message.
 */
public final class PersistentSubscriber {
    private final String clientId;
    private final boolean v5;
    private final MqttQos qos;
    private final List<Integer> received = new ArrayList<>();
    private Mqtt5BlockingClient client5;
    private Mqtt3BlockingClient client3;

    public PersistentSubscriber(String clientId, boolean v5, int qos) {
        this.clientId = clientId;
        this.v5 = v5;
        this.qos = MqttQos.fromCode(qos);
    }

    /** Connects without a clean start; queued messages start flowing right after CONNACK. */
    public boolean connect(int port) {
        if (v5) {
            client5 = Mqtt5Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port).buildBlocking();
            client5.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> record(p.getPayloadAsBytes()));
            return client5.connectWith().cleanStart(false).sessionExpiryInterval(3600).send().isSessionPresent();
        }
        client3 = Mqtt3Client.builder().identifier(clientId).serverHost("127.0.0.1").serverPort(port).buildBlocking();
        client3.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> record(p.getPayloadAsBytes()));
        return client3.connectWith().cleanSession(false).send().isSessionPresent();
    }

    public void subscribe(String filter) {
        if (v5) {
            client5.subscribeWith().topicFilter(filter).qos(qos).send();
        } else {
            client3.subscribeWith().topicFilter(filter).qos(qos).send();
        }
    }

    public void disconnect() {
        if (v5) {
            client5.disconnect();
        } else {
            client3.disconnect();
        }
    }

    private synchronized void record(byte[] payload) {
        received.add(ByteBuffer.wrap(payload).getInt());
    }

    /** Every sequence number received, duplicates included, in arrival order. */
    public synchronized List<Integer> received() {
        return new ArrayList<>(received);
    }

    /** Distinct sequence numbers in order of first arrival. */
    public synchronized List<Integer> distinctInOrder() {
        Set<Integer> seen = new LinkedHashSet<>(received);
        return new ArrayList<>(seen);
    }

    public synchronized int distinctCount() {
        return new LinkedHashSet<>(received).size();
    }

    public boolean isV5() {
        return v5;
    }

    public int qos() {
        return qos.getCode();
    }

    public String clientId() {
        return clientId;
    }

    /** The 4-byte payload of sequence number {@code n}. */
    public static byte[] payload(int n) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
    }
}
