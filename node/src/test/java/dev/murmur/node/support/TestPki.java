package dev.murmur.node.support;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests: a CA, server certificates for 127.0.0.1/localhost, client
 * certificates (valid, expired, from an untrusted CA), written as PEM files and usable as JSSE
 * factories for clients. EC P-256 keeps key generation fast.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final String SIG = "SHA256withECDSA";

    /** A key pair with its certificate. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private final Issued ca;

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    public static TestPki create(String caName) {
        KeyPair keys = keyPair();
        X509Certificate cert = sign(new X500Name("CN=" + caName), keys, new X500Name("CN=" + caName), keys,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), true, null);
        return new TestPki(new Issued(keys, cert));
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    public Issued server(String cn) {
        return issue(cn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
                new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
                }));
    }

    public Issued client(String cn) {
        return issue(cn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), null);
    }

    public Issued clientWithSan(String cn, String dnsName) {
        return issue(cn, Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)),
                new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
    }

    public Issued expiredClient(String cn) {
        return issue(cn, Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)), null);
    }

    private Issued issue(String cn, Instant from, Instant to, GeneralNames sans) {
        KeyPair keys = keyPair();
        X509Certificate cert = sign(new X500Name("CN=" + cn + ",O=Murmur Test"), keys,
                new X500Name(ca.certificate().getSubjectX500Principal().getName()), ca.keys(), from, to, false, sans);
        return new Issued(keys, cert);
    }

    /** Writes {@code issued} as cert.pem (leaf then CA) and key.pem (PKCS#8) under {@code dir}. */
    public void writePem(Issued issued, Path certFile, Path keyFile) throws IOException {
        Files.writeString(certFile, pem(issued.certificate()) + pem(ca.certificate()));
        Files.writeString(keyFile, pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(issued.keys().getPrivate(),
                null)));
    }

    public void writeCa(Path file) throws IOException {
        Files.writeString(file, pem(ca.certificate()));
    }

    /** Writes {@code issued} as a PKCS#12 keystore. */
    public void writePkcs12(Issued issued, Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", issued.keys().getPrivate(), password,
                new X509Certificate[] {issued.certificate(), ca.certificate()});
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
    }

    /** A client SSLContext trusting {@code trusted} and presenting {@code client} (may be null). */
    public static SSLContext clientContext(X509Certificate trusted, Issued client) throws GeneralSecurityException,
            IOException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(client == null ? null : new javax.net.ssl.KeyManager[] {new AlwaysPresent(client)},
                trustManagers(trusted).getTrustManagers(), null);
        return ctx;
    }

    /**
     * Presents its certificate whatever the server asks for: the JDK's own key manager would
     * quietly withhold an expired or foreign certificate, and the server would never see it.
     */
    private static final class AlwaysPresent extends javax.net.ssl.X509ExtendedKeyManager {
        private final Issued issued;

        AlwaysPresent(Issued issued) {
            this.issued = issued;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                                              javax.net.ssl.SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {issued.certificate()};
        }

        @Override
        public java.security.PrivateKey getPrivateKey(String alias) {
            return issued.keys().getPrivate();
        }
    }

    public static TrustManagerFactory trustManagers(X509Certificate trusted) throws GeneralSecurityException, IOException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        return tmf;
    }

    public static KeyManagerFactory keyManagers(Issued client) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("client", client.keys().getPrivate(), pw, new X509Certificate[] {client.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        return kmf;
    }

    private static String pem(Object o) throws IOException {
        Writer w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                        Instant from, Instant to, boolean isCa, GeneralNames sans) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(from), Date.from(to), subject, subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (sans != null) {
                b.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(SIG).build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
