package dev.murmur.node.tls;

import dev.murmur.node.config.TlsSettings;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/** JSSE (the JDK's own TLS). */
final class JdkEngineFactory implements EngineFactory {
    private final SSLContext context;
    private final TlsSettings settings;

    JdkEngineFactory(TlsSettings settings, KeyMaterial material) throws GeneralSecurityException {
        this.settings = settings;
        this.context = SSLContext.getInstance("TLS");
        context.init(material.keys().getKeyManagers(),
                material.trust() == null ? null : material.trust().getTrustManagers(), null);
        newEngine(); // unknown protocols or ciphers fail now, at load, not at the first client
    }

    @Override
    public SSLEngine newEngine() {
        SSLEngine e = context.createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(settings.protocols().toArray(String[]::new));
        if (!settings.ciphers().isEmpty()) {
            e.setEnabledCipherSuites(settings.ciphers().toArray(String[]::new));
        }
        switch (settings.clientAuth()) {
            case REQUIRED -> e.setNeedClientAuth(true);
            case OPTIONAL -> e.setWantClientAuth(true);
            case NONE -> e.setNeedClientAuth(false);
        }
        return e;
    }
}
