package dev.murmur.node.admin;

import dev.murmur.node.edge.MqttListeners;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server certificate of each TLS listener (tls, wss) as the admin API and /metrics show it:
 * subject and expiry. Read on every call, so a certificate the listener hot-reloaded shows at once.
 */
final class ListenerCertificates {
    private static final double MILLIS_PER_SECOND = 1000.0;

    private ListenerCertificates() {
    }

    /** The certificate a TLS listener presents now; empty for tcp and ws. */
    static Optional<X509Certificate> certificateOf(MqttListeners.Bound listener) {
        return listener.tls() == null ? Optional.empty() : Optional.ofNullable(listener.tls().serverCertificate());
    }

    /** {subject, notAfter, expiresInDays} or null. */
    static Map<String, Object> describe(MqttListeners.Bound listener) {
        return certificateOf(listener).map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", c.getSubjectX500Principal().getName());
            m.put("notAfter", c.getNotAfter().toInstant().toString());
            m.put("expiresInDays", Duration.between(Instant.now(), c.getNotAfter().toInstant()).toDays());
            return m;
        }).orElse(null);
    }

    /** murmur_tls_certificate_expiry_timestamp_seconds{listener}: when each listener's certificate expires. */
    static GaugeSnapshot expiry(List<MqttListeners.Bound> listeners) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name("murmur_tls_certificate_expiry_timestamp_seconds")
                .help("Unix time at which a TLS listener's server certificate expires.");
        for (MqttListeners.Bound l : listeners) {
            certificateOf(l).ifPresent(c -> b.dataPoint(new GaugeDataPointSnapshot(
                    c.getNotAfter().getTime() / MILLIS_PER_SECOND, Labels.of("listener", l.settings().name()), null)));
        }
        return b.build();
    }
}
