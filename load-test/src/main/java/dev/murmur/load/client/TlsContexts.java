package dev.murmur.load.client;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/** Builds the client TLS context: JSSE, or OpenSSL (BoringSSL via netty-tcnative) when it loads. */
final class TlsContexts {
    private TlsContexts() {
    }

    static SslContext client(TransportOptions.Tls tls) {
        SslProvider provider = switch (tls.provider()) {
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalArgumentException("OpenSSL is not available: " + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            case "jdk" -> SslProvider.JDK;
            default -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(provider);
            if (tls.insecure()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (tls.caFile() != null) {
                b.trustManager(tls.caFile());
            }
            if (tls.certFile() != null) {
                b.keyManager(tls.certFile(), tls.keyFile());
            }
            return b.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("bad TLS material: " + e.getMessage(), e);
        }
    }

    /** The provider "auto" would pick. */
    static String autoProvider() {
        return OpenSsl.isAvailable() ? "openssl" : "jdk";
    }
}
