package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Key material and policy of a tls or wss listener. Either {@code certificate} + {@code key}
 * (PEM) or {@code keystore} (PKCS#12) is set; {@code ca} (PEM bundle) verifies client certificates.
 */
public record TlsSettings(Engine engine, Path certificate, Path key, char[] keyPassword, Path keystore,
                          char[] keystorePassword, Path ca, ClientAuth clientAuth, List<String> protocols,
                          List<String> ciphers, Duration handshakeTimeout, Duration reloadInterval) {

    /** Which SSLEngine implementation terminates TLS. */
    public enum Engine { JDK, OPENSSL }

    /** Whether a client certificate is asked for, and whether it is mandatory. */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    /** The files whose change triggers a reload of this listener's key material. */
    public List<Path> watchedFiles() {
        return java.util.stream.Stream.of(certificate, key, keystore, ca).filter(java.util.Objects::nonNull).toList();
    }

    /** Reads one listener's {@code tls} block; {@code prefix} names its keys in errors. */
    public static TlsSettings from(Config t, String prefix) {
        Path cert = Settings.optionalFile(t, prefix, "certificate");
        Path key = Settings.optionalFile(t, prefix, "key");
        Path keystore = Settings.optionalFile(t, prefix, "keystore");
        if (keystore == null && (cert == null || key == null)) {
            throw new InvalidSettingException(prefix + "certificate",
                    "a TLS listener needs certificate and key (PEM) or keystore (PKCS#12)");
        }
        if (keystore != null && (cert != null || key != null)) {
            throw new InvalidSettingException(prefix + "keystore", "set either keystore or certificate + key, not both");
        }
        ClientAuth clientAuth = Settings.oneOf(t, prefix, "client-auth", ClientAuth.class);
        Path ca = Settings.optionalFile(t, prefix, "ca");
        if (clientAuth != ClientAuth.NONE && ca == null) {
            throw new InvalidSettingException(prefix + "ca", "client-auth = " + clientAuth.name().toLowerCase()
                    + " needs a CA bundle to verify client certificates");
        }
        List<String> protocols = t.getStringList("protocols");
        if (protocols.isEmpty() || !PROTOCOLS.containsAll(protocols)) {
            throw new InvalidSettingException(prefix + "protocols", "must list some of " + PROTOCOLS + ", was " + protocols);
        }
        return new TlsSettings(Settings.oneOf(t, prefix, "engine", Engine.class), cert, key,
                t.getString("key-password").toCharArray(), keystore, t.getString("keystore-password").toCharArray(), ca,
                clientAuth, List.copyOf(protocols), List.copyOf(t.getStringList("ciphers")),
                Settings.positive(t, prefix, "handshake-timeout"), Settings.positive(t, prefix, "reload-interval"));
    }
}
