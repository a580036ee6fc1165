package dev.murmur.node.admin;

import dev.murmur.node.config.AdminSettings;
import dev.murmur.node.config.InvalidSettingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** HTTPS for the admin listener from a PKCS#12 key store (murmur.admin.tls). */
final class AdminTls {
    private AdminTls() {
    }

    static SSLContext sslContext(AdminSettings settings) {
        char[] password = settings.keystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(settings.keystore())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException("murmur.admin.tls.keystore", "cannot load " + settings.keystore() + ": "
                    + e.getMessage());
        }
    }
}
