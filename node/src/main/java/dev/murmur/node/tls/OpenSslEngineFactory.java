package dev.murmur.node.tls;

import dev.murmur.node.config.TlsSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * BoringSSL through netty-tcnative. Netty's engine is a plain {@link SSLEngine}, so Pekko's TLS
 * stage drives it exactly like JSSE's. {@link SslProvider#OPENSSL} (not the ref-counted variant)
 * lets the GC free each engine's native state, as Pekko knows nothing of reference counts.
 */
final class OpenSslEngineFactory implements EngineFactory {
    private final SslContext context;

    OpenSslEngineFactory(TlsSettings settings, KeyMaterial material) throws GeneralSecurityException {
        if (!OpenSsl.isAvailable()) {
            throw new GeneralSecurityException("engine = openssl but netty-tcnative is not usable here: "
                    + OpenSsl.unavailabilityCause());
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(material.keys())
                    .sslProvider(SslProvider.OPENSSL)
                    .protocols(settings.protocols())
                    .clientAuth(switch (settings.clientAuth()) {
                        case REQUIRED -> ClientAuth.REQUIRE;
                        case OPTIONAL -> ClientAuth.OPTIONAL;
                        case NONE -> ClientAuth.NONE;
                    });
            if (material.trust() != null) {
                b.trustManager(material.trust());
            }
            if (!settings.ciphers().isEmpty()) {
                b.ciphers(settings.ciphers());
            }
            this.context = b.build();
        } catch (SSLException e) {
            throw new GeneralSecurityException("OpenSSL context: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLEngine newEngine() {
        return context.newEngine(ByteBufAllocator.DEFAULT);
    }
}
