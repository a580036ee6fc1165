package dev.murmur.node.admin;

import dev.murmur.node.edge.MqttListeners;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server certificate of a TLS listener as the admin API and /metrics show it: subject and
 * expiry. Plain TCP listeners have none.
 */
final class ListenerCertificates {
    private ListenerCertificates() {
    }

    /** The listener's certificate; empty for listeners without TLS. */
    static Optional<X509Certificate> certificateOf(MqttListeners.Bound listener) {
        // Hook for the security issue: its Bound carries the listener's TlsContext
        // (listener.tls().serverCertificate()); plain TCP listeners have no certificate.
        return Optional.empty();
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
}
