package dev.murmur.node.metrics.prometheus;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.ClusterStats;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.LatencyHistogram;
import dev.murmur.node.metrics.MessageCounters;
import dev.murmur.node.metrics.MessageCounters.DropReason;
import dev.murmur.node.metrics.PacketCounters;
import dev.murmur.protocol.PacketType;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Turns the broker's own counters into Prometheus snapshots at scrape time. The hot path keeps
 * writing plain LongAdders; only a scrape reads them, so exporting costs nothing per message.
 * See docs/operations.md for every family and its labels.
 */
public final class BrokerCollector implements MultiCollector {
    /** Counters exported by a labelled family below instead of one plain counter each. */
    private static final Set<Counter> LABELLED = EnumSet.of(Counter.CONNECTIONS_CLOSED, Counter.PACKETS_RECEIVED,
            Counter.PACKETS_SENT, Counter.BYTES_RECEIVED, Counter.BYTES_SENT, Counter.MESSAGES_RECEIVED,
            Counter.MESSAGES_DELIVERED, Counter.MESSAGES_DROPPED_QUEUE_FULL, Counter.MESSAGES_DROPPED_QOS0_OFFLINE,
            Counter.MESSAGES_DROPPED_TOO_LARGE);
    private static final double MICROS_PER_SECOND = 1_000_000.0;

    private final BrokerMetrics metrics;
    private final IntSupplier routeCount;
    private final Supplier<ClusterStats> cluster;

    public BrokerCollector(BrokerMetrics metrics, IntSupplier routeCount, Supplier<ClusterStats> cluster) {
        this.metrics = metrics;
        this.routeCount = routeCount;
        this.cluster = cluster;
    }

    /** The plain counter family of {@code c}: murmur_ + its name in lower case (+ _total in the exposition). */
    public static String familyOf(Counter c) {
        return "murmur_" + c.name().toLowerCase(Locale.ROOT);
    }

    public static boolean isLabelled(Counter c) {
        return LABELLED.contains(c);
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        gauges(out);
        for (Counter c : Counter.values()) {
            if (!LABELLED.contains(c)) {
                out.add(counter(familyOf(c), "Count of " + c.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ".",
                        List.of(point(metrics.get(c), Labels.EMPTY))));
            }
        }
        connections(out);
        packets(out);
        messages(out);
        out.add(histogram("murmur_delivery_latency_seconds",
                "Time from a PUBLISH accepted by the broker to its copy handed to a subscriber's connection.",
                metrics.deliveryLatency()));
        out.add(histogram("murmur_journal_write_latency_seconds", "Time to write one batch of events to the journal.",
                metrics.journalWriteLatency()));
        cluster(out);
        return new MetricSnapshots(out);
    }

    private void gauges(List<MetricSnapshot> out) {
        out.add(gauge("murmur_connections", "Clients connected to this node (CONNECT accepted).",
                metrics.connectionsCurrent().get()));
        out.add(gauge("murmur_sessions", "Sessions held on this node, connected or not.", metrics.sessionsLive().get()));
        out.add(gauge("murmur_sessions_persistent", "Sessions on this node that outlive their connection.",
                metrics.sessionsPersistent().get()));
        out.add(gauge("murmur_subscriptions", "Subscriptions held by this node's sessions.",
                metrics.subscriptionsCurrent().get()));
        out.add(gauge("murmur_route_index_routes", "(filter, shard) routes in this node's copy of the route index.",
                routeCount.getAsInt()));
        out.add(gauge("murmur_retained_messages", "Retained messages in this node's store.",
                metrics.retainedCurrent().get()));
        out.add(gauge("murmur_inflight_messages", "Outbound QoS 1/2 messages awaiting acknowledgement.",
                metrics.inflightCurrent().get()));
        out.add(gauge("murmur_queued_messages", "Messages waiting in session queues.", metrics.queuedCurrent().get()));
    }

    private void connections(List<MetricSnapshot> out) {
        List<CounterDataPointSnapshot> closed = new ArrayList<>();
        metrics.closeReasons().snapshot().forEach((reason, n) -> closed.add(point(n, Labels.of("reason", reason))));
        out.add(counter("murmur_connections_closed", "Closed sockets by why they ended.", closed));
        PacketCounters p = metrics.packets();
        List<CounterDataPointSnapshot> connAck = new ArrayList<>();
        List<CounterDataPointSnapshot> discSent = new ArrayList<>();
        List<CounterDataPointSnapshot> discReceived = new ArrayList<>();
        // Only codes that occurred are exported (there are dozens), except success and normal
        // disconnection, which are always there so the families exist from the first scrape.
        for (ReasonCode code : ReasonCode.values()) {
            nonZero(connAck, p.connAckSentCount(code), code, code == ReasonCode.SUCCESS);
            nonZero(discSent, p.disconnectSentCount(code), code, code == ReasonCode.NORMAL_DISCONNECTION);
            nonZero(discReceived, p.disconnectReceivedCount(code), code, code == ReasonCode.NORMAL_DISCONNECTION);
        }
        out.add(counter("murmur_connack_sent", "CONNACK packets sent by reason code (v5 names).", connAck));
        out.add(counter("murmur_disconnect_sent", "DISCONNECT packets sent by reason code.", discSent));
        out.add(counter("murmur_disconnect_received", "DISCONNECT packets received by reason code.", discReceived));
    }

    private static void nonZero(List<CounterDataPointSnapshot> points, long n, ReasonCode code, boolean always) {
        if (n > 0 || always) {
            points.add(point(n, Labels.of("code", String.format("0x%02X", code.value()), "reason", label(code.name()))));
        }
    }

    private void packets(List<MetricSnapshot> out) {
        PacketCounters p = metrics.packets();
        List<CounterDataPointSnapshot> in = new ArrayList<>();
        List<CounterDataPointSnapshot> sent = new ArrayList<>();
        List<CounterDataPointSnapshot> bytesIn = new ArrayList<>();
        List<CounterDataPointSnapshot> bytesOut = new ArrayList<>();
        for (PacketType t : PacketType.values()) {
            Labels l = Labels.of("type", label(t.name()));
            in.add(point(p.packetsIn(t), l));
            sent.add(point(p.packetsOut(t), l));
            bytesIn.add(point(p.bytesIn(t), l));
            bytesOut.add(point(p.bytesOut(t), l));
        }
        out.add(counter("murmur_packets_received", "MQTT packets decoded from clients by type.", in));
        out.add(counter("murmur_packets_sent", "MQTT packets encoded for clients by type.", sent));
        out.add(counter("murmur_packet_bytes_received", "Bytes of decoded packets by type.", bytesIn));
        out.add(counter("murmur_packet_bytes_sent", "Bytes of encoded packets by type.", bytesOut));
        out.add(counter("murmur_network_bytes_received", "Bytes read from client sockets.",
                List.of(point(metrics.get(Counter.BYTES_RECEIVED), Labels.EMPTY))));
        out.add(counter("murmur_network_bytes_sent", "Bytes written to client sockets.",
                List.of(point(metrics.get(Counter.BYTES_SENT), Labels.EMPTY))));
    }

    private void messages(List<MetricSnapshot> out) {
        MessageCounters m = metrics.messages();
        List<CounterDataPointSnapshot> published = new ArrayList<>();
        List<CounterDataPointSnapshot> delivered = new ArrayList<>();
        List<CounterDataPointSnapshot> dropped = new ArrayList<>();
        for (QoS q : QoS.values()) {
            Labels l = Labels.of("qos", Integer.toString(q.value()));
            published.add(point(m.publishedCount(q), l));
            delivered.add(point(m.deliveredCount(q), l));
            for (DropReason r : DropReason.values()) {
                dropped.add(point(m.droppedCount(r, q), Labels.of("qos", Integer.toString(q.value()),
                        "reason", label(r.name()))));
            }
        }
        out.add(counter("murmur_messages_published", "PUBLISH packets accepted from clients by QoS.", published));
        out.add(counter("murmur_messages_delivered", "PUBLISH packets written to subscribers by granted QoS.",
                delivered));
        out.add(counter("murmur_messages_dropped", "Messages that reached nobody, by reason and QoS.", dropped));
    }

    private void cluster(List<MetricSnapshot> out) {
        ClusterStats c = cluster.get();
        List<GaugeDataPointSnapshot> members = new ArrayList<>();
        c.membersByStatus().forEach((status, n) -> members.add(new GaugeDataPointSnapshot(n,
                Labels.of("status", status), null)));
        out.add(gauges("murmur_cluster_members", "Cluster members by status.", members));
        out.add(gauge("murmur_cluster_unreachable_members", "Members the failure detector marks unreachable.",
                c.unreachable()));
        out.add(byNode("murmur_cluster_shards", "Session shards hosted per node.", c.shardsByNode()));
        out.add(byNode("murmur_cluster_shard_entities", "Session and hub entities per node.", c.entitiesByNode()));
    }

    private static GaugeSnapshot byNode(String name, String help, Map<String, Integer> values) {
        List<GaugeDataPointSnapshot> points = new ArrayList<>();
        values.forEach((node, n) -> points.add(new GaugeDataPointSnapshot(n, Labels.of("node", node), null)));
        return gauges(name, help, points);
    }

    private static GaugeSnapshot gauges(String name, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static HistogramSnapshot histogram(String name, String help, LatencyHistogram h) {
        LatencyHistogram.Snapshot s = h.snapshot();
        double[] bounds = new double[s.counts().length];
        for (int i = 0; i < s.boundsMicros().length; i++) {
            bounds[i] = s.boundsMicros()[i] / MICROS_PER_SECOND;
        }
        bounds[bounds.length - 1] = Double.POSITIVE_INFINITY;
        HistogramDataPointSnapshot point = new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(bounds, s.counts()),
                s.sumMicros() / MICROS_PER_SECOND, Labels.EMPTY, null, 0);
        return HistogramSnapshot.builder().name(name).help(help).dataPoint(point).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(new GaugeDataPointSnapshot(value, Labels.EMPTY, null)).build();
    }

    private static CounterSnapshot counter(String name, String help, List<CounterDataPointSnapshot> points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static CounterDataPointSnapshot point(double value, Labels labels) {
        return new CounterDataPointSnapshot(value, labels, null, 0);
    }

    private static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }
}
