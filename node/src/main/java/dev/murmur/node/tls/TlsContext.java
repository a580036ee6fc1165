package dev.murmur.node.tls;

import dev.murmur.node.config.TlsSettings;
import dev.murmur.node.watch.FileStamp;
import dev.murmur.node.watch.Reloadable;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS side of one listener: makes an engine per new connection from the current key
 * material, and swaps that material when its files change. Open connections keep the engine
 * they were given; only new handshakes see a reload. Material that fails to load is logged and
 * the previous one stays in use.
 */
public final class TlsContext implements Reloadable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContext.class);

    private record Loaded(EngineFactory factory, X509Certificate certificate) {
    }

    private final String listener;
    private final TlsSettings settings;
    private final AtomicReference<Loaded> current = new AtomicReference<>();
    private volatile FileStamp stamp;

    private TlsContext(String listener, TlsSettings settings) {
        this.listener = listener;
        this.settings = settings;
    }

    /** Loads the material now; a listener whose material cannot be loaded must not start. */
    public static TlsContext load(String listener, TlsSettings settings) {
        TlsContext c = new TlsContext(listener, settings);
        c.stamp = FileStamp.of(settings.watchedFiles());
        try {
            c.current.set(c.build());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("listener '" + listener + "': cannot load TLS material: " + e.getMessage(), e);
        }
        return c;
    }

    public SSLEngine newEngine() {
        return current.get().factory().newEngine();
    }

    /** The server certificate new handshakes present (its serial shows a reload in logs and tests). */
    public X509Certificate serverCertificate() {
        return current.get().certificate();
    }

    public TlsSettings settings() {
        return settings;
    }

    @Override
    public void reloadIfChanged() {
        if (!FileStamp.of(settings.watchedFiles()).equals(stamp)) {
            reload();
        }
    }

    @Override
    public synchronized void reload() {
        FileStamp before = FileStamp.of(settings.watchedFiles());
        try {
            Loaded next = build();
            current.set(next);
            LOG.info("event=tls_reloaded listener={} subject=\"{}\" serial={} not_after={}", listener,
                    next.certificate().getSubjectX500Principal().getName(), next.certificate().getSerialNumber().toString(16),
                    next.certificate().getNotAfter().toInstant());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.error("event=tls_reload_failed listener={} problem=\"{}\" action=keeping_previous", listener,
                    e.getMessage());
        }
        stamp = before;
    }

    private Loaded build() throws IOException, GeneralSecurityException {
        KeyMaterial m = KeyMaterial.load(settings);
        EngineFactory f = settings.engine() == TlsSettings.Engine.OPENSSL ? new OpenSslEngineFactory(settings, m)
                : new JdkEngineFactory(settings, m);
        return new Loaded(f, m.serverCertificate());
    }
}
