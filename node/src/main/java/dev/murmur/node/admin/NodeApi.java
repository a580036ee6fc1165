package dev.murmur.node.admin;

import dev.murmur.node.edge.MqttListeners;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.metrics.MessageCounters;
import dev.murmur.node.metrics.MessageCounters.DropReason;
import dev.murmur.protocol.QoS;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** /health, /ready, /metrics and the node and listener overviews (the cluster: {@link ClusterApi}). */
final class NodeApi {
    private final AdminServices services;
    private final ClusterView cluster;
    private final Readiness readiness;
    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    NodeApi(AdminServices services, ClusterView cluster, Readiness readiness, PrometheusRegistry registry) {
        this.services = services;
        this.cluster = cluster;
        this.readiness = readiness;
        this.registry = registry;
    }

    void addTo(AdminRouter router) {
        router.get("/health", c -> done(Json.ok(Map.of("status", "up"))))
                .get("/ready", this::ready)
                .get("/metrics", this::metrics)
                .get("/api/v1/node", c -> done(Json.ok(node())))
                .get("/api/v1/listeners", c -> done(Json.ok(Map.of("listeners", listeners()))));
    }

    private CompletionStage<HttpResponse> ready(AdminCall call) {
        return readiness.evaluate(services.admin().askTimeout()).thenApply(report ->
                Json.response(report.ready() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, report));
    }

    /** Prometheus text format, or OpenMetrics when the scraper asks for it. */
    private CompletionStage<HttpResponse> metrics(AdminCall call) throws IOException {
        String accept = call.request().getHeader("Accept").map(h -> h.value()).orElse("");
        ExpositionFormatWriter writer = formats.getOpenMetricsTextFormatWriter().accepts(accept)
                ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, registry.scrape());
        return done(HttpResponse.create().withEntity(ContentTypes.parse(writer.getContentType()), out.toByteArray()));
    }

    /** This node at a glance: what the dashboard polls and derives its rates from. */
    Map<String, Object> node() {
        BrokerMetrics m = services.metrics();
        MessageCounters msg = m.messages();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("node", services.settings().nodeName());
        n.put("clusterNode", cluster.selfNode());
        n.put("status", cluster.selfStatus());
        n.put("version", services.version());
        n.put("startedAt", m.startedAtMillis());
        n.put("uptimeSeconds", (System.currentTimeMillis() - m.startedAtMillis()) / 1000);
        n.put("now", System.currentTimeMillis());
        n.put("connections", m.connectionsCurrent().get());
        n.put("connectionsOpened", m.get(Counter.CONNECTIONS_OPENED));
        n.put("connectionsClosed", m.closeReasons().snapshot());
        n.put("sessions", m.sessionsLive().get());
        n.put("sessionsPersistent", m.sessionsPersistent().get());
        n.put("subscriptions", m.subscriptionsCurrent().get());
        n.put("routes", services.router().routes().size());
        n.put("retained", m.retainedCurrent().get());
        n.put("inflight", m.inflightCurrent().get());
        n.put("queued", m.queuedCurrent().get());
        Map<String, Long> published = new LinkedHashMap<>();
        Map<String, Long> delivered = new LinkedHashMap<>();
        long publishedTotal = 0;
        long deliveredTotal = 0;
        for (QoS q : QoS.values()) {
            published.put(Integer.toString(q.value()), msg.publishedCount(q));
            delivered.put(Integer.toString(q.value()), msg.deliveredCount(q));
            publishedTotal += msg.publishedCount(q);
            deliveredTotal += msg.deliveredCount(q);
        }
        Map<String, Long> dropped = new LinkedHashMap<>();
        long droppedTotal = 0;
        for (DropReason r : DropReason.values()) {
            dropped.put(r.name().toLowerCase(Locale.ROOT), msg.droppedCount(r));
            droppedTotal += msg.droppedCount(r);
        }
        Map<String, Object> messages = new LinkedHashMap<>();
        messages.put("published", publishedTotal);
        messages.put("delivered", deliveredTotal);
        messages.put("dropped", droppedTotal);
        messages.put("publishedByQos", published);
        messages.put("deliveredByQos", delivered);
        messages.put("droppedByReason", dropped);
        n.put("messages", messages);
        n.put("bytesReceived", m.get(Counter.BYTES_RECEIVED));
        n.put("bytesSent", m.get(Counter.BYTES_SENT));
        return n;
    }

    /** The MQTT listeners; TLS ones add their certificate's expiry once the security issue exposes it. */
    private List<Map<String, Object>> listeners() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (MqttListeners.Bound b : services.listeners().get()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", b.settings().name());
            l.put("kind", b.settings().kind());
            l.put("host", b.settings().host());
            l.put("port", b.port());
            l.put("maxConnections", b.settings().maxConnections());
            l.put("tls", ListenerCertificates.describe(b));
            out.add(l);
        }
        return out;
    }

    static CompletionStage<HttpResponse> done(HttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
