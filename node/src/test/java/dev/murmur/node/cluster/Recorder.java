package dev.murmur.node.cluster;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** What one client received: sequence numbers (4-byte payloads) per topic, in arrival order. */
final class Recorder {
    private final Map<String, List<Integer>> byTopic = new HashMap<>();
    private final List<Mqtt5Publish> all = new ArrayList<>();
    /** Arrival time (System.nanoTime) and sequence number of each message with one. */
    private final List<long[]> arrivals = new ArrayList<>();

    /** Records every PUBLISH {@code client} receives from now on. */
    static Recorder on(Mqtt5BlockingClient client) {
        return on(client.toAsync());
    }

    static Recorder on(Mqtt5AsyncClient client) {
        Recorder r = new Recorder();
        client.publishes(MqttGlobalPublishFilter.ALL, r::record);
        return r;
    }

    static byte[] payload(int n) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
    }

    synchronized void record(Mqtt5Publish p) {
        all.add(p);
        byte[] b = p.getPayloadAsBytes();
        if (b.length == Integer.BYTES) {
            int seq = ByteBuffer.wrap(b).getInt();
            byTopic.computeIfAbsent(p.getTopic().toString(), t -> new ArrayList<>()).add(seq);
            arrivals.add(new long[] {System.nanoTime(), seq});
        }
    }

    synchronized List<Integer> received(String topic) {
        return new ArrayList<>(byTopic.getOrDefault(topic, List.of()));
    }

    synchronized int distinct(String topic) {
        return new LinkedHashSet<>(byTopic.getOrDefault(topic, List.of())).size();
    }

    synchronized List<Integer> distinctInOrder(String topic) {
        return new ArrayList<>(new LinkedHashSet<>(byTopic.getOrDefault(topic, List.of())));
    }

    /** When the first message numbered {@code minSeq} or later arrived, if one did (System.nanoTime). */
    synchronized java.util.Optional<Long> firstArrivalFrom(int minSeq) {
        return arrivals.stream().filter(a -> a[1] >= minSeq).map(a -> a[0]).findFirst();
    }

    synchronized int count() {
        return all.size();
    }

    synchronized List<Mqtt5Publish> all() {
        return new ArrayList<>(all);
    }
}
