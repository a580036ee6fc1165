package dev.murmur.node.tls;

import dev.murmur.node.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A listener's server key and certificate chain and, for client authentication, the trusted
 * CAs, as JSSE factories that both engines (JDK and OpenSSL) accept.
 *
 * @param trust null when no CA bundle is configured (no client certificates)
 */
record KeyMaterial(KeyManagerFactory keys, TrustManagerFactory trust, X509Certificate serverCertificate) {
    private static final char[] IN_MEMORY_PASSWORD = "murmur".toCharArray();

    static KeyMaterial load(TlsSettings s) throws IOException, GeneralSecurityException {
        KeyStore ks;
        char[] keyPassword;
        if (s.keystore() != null) {
            ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(s.keystore())) {
                ks.load(in, s.keystorePassword());
            }
            keyPassword = s.keystorePassword();
        } else {
            List<X509Certificate> chain = PemFiles.certificates(s.certificate());
            PrivateKey key = PemFiles.privateKey(s.key(), s.keyPassword());
            ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new X509Certificate[0]));
            keyPassword = IN_MEMORY_PASSWORD;
        }
        X509Certificate leaf = leaf(ks);
        checkKeyMatches(ks, keyPassword, leaf);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, keyPassword);
        TrustManagerFactory tmf = null;
        if (s.ca() != null) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int i = 0;
            for (X509Certificate ca : PemFiles.certificates(s.ca())) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
        }
        return new KeyMaterial(kmf, tmf, leaf);
    }

    /**
     * A certificate and key written one after the other can be caught half-way by a reload: sign
     * and verify a probe so a mismatched pair is refused instead of failing every handshake.
     */
    private static void checkKeyMatches(KeyStore ks, char[] password, X509Certificate leaf)
            throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && ks.getKey(alias, password) instanceof PrivateKey key) {
                String alg = switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    default -> key.getAlgorithm(); // Ed25519, EdDSA
                };
                byte[] probe = {1, 2, 3, 4};
                java.security.Signature signer = java.security.Signature.getInstance(alg);
                signer.initSign(key);
                signer.update(probe);
                byte[] sig = signer.sign();
                java.security.Signature verifier = java.security.Signature.getInstance(alg);
                verifier.initVerify(leaf.getPublicKey());
                verifier.update(probe);
                if (!verifier.verify(sig)) {
                    throw new GeneralSecurityException("the private key does not belong to the certificate");
                }
                return;
            }
        }
    }

    private static X509Certificate leaf(KeyStore ks) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) {
                return c;
            }
        }
        throw new GeneralSecurityException("no private key entry in the keystore");
    }
}
