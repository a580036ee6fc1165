package dev.murmur.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.support.TestPki;
import dev.murmur.node.support.TlsProbe;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS listeners with both engines (JSSE and OpenSSL/BoringSSL): handshakes, TLS 1.2 and 1.3,
 * client certificates none / optional / required, expired and untrusted client certificates,
 * and the handshake deadline. One node carries every variant as its own listener.
 */
class TlsListenerTest {
    private static final String ONLY_CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String OTHER_CIPHER = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki stranger;
    static MurmurNode node;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create("Murmur Test CA");
        stranger = TestPki.create("Somebody Else's CA");
        pki.writePem(pki.server("localhost"), dir.resolve("server.pem"), dir.resolve("server.key"));
        pki.writeCa(dir.resolve("ca.pem"));
        pki.writePkcs12(pki.server("localhost"), dir.resolve("server.p12"), "secret".toCharArray());
        String pem = "certificate = \"" + dir.resolve("server.pem") + "\", key = \"" + dir.resolve("server.key")
                + "\", ca = \"" + dir.resolve("ca.pem") + "\"";
        node = TestNode.start("murmur.listeners = ["
                + listener("jdk-none", "jdk", "none", pem)
                + listener("jdk-optional", "jdk", "optional", pem)
                + listener("jdk-required", "jdk", "required", pem)
                + listener("openssl-none", "openssl", "none", pem)
                + listener("openssl-optional", "openssl", "optional", pem)
                + listener("openssl-required", "openssl", "required", pem)
                + listener("jdk-p12", "jdk", "none", "keystore = \"" + dir.resolve("server.p12")
                        + "\", keystore-password = secret")
                + listener("jdk-tls13", "jdk", "none", pem + ", protocols = [TLSv1.3]")
                + listener("slow", "jdk", "none", pem + ", handshake-timeout = 500ms")
                + listener("jdk-cipher", "jdk", "none", pem + ", protocols = [TLSv1.2], ciphers = [" + ONLY_CIPHER + "]")
                + listener("openssl-cipher", "openssl", "none", pem + ", protocols = [TLSv1.2], ciphers = [" + ONLY_CIPHER + "]")
                + "]");
    }

    private static String listener(String name, String engine, String clientAuth, String material) {
        return "{ name = " + name + ", kind = tls, host = \"127.0.0.1\", port = 0, tls { engine = " + engine
                + ", client-auth = " + clientAuth + ", " + material + " } },";
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int port(String name) {
        return TestNode.port(node, name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void realClientPublishesAndSubscribesOverTls(String engine) throws Exception {
        MqttClientSslConfig ssl = MqttClientSslConfig.builder()
                .trustManagerFactory(TestPki.trustManagers(pki.caCertificate())).build();
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier(Clients.id("tls-sub")).serverHost("127.0.0.1")
                .serverPort(port(engine + "-none")).sslConfig(ssl).buildBlocking();
        Mqtt5BlockingClient pub = Mqtt5Client.builder().identifier(Clients.id("tls-pub")).serverHost("127.0.0.1")
                .serverPort(port(engine + "-none")).sslConfig(ssl).buildBlocking();
        sub.connect();
        pub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("tls/" + engine).qos(MqttQos.AT_LEAST_ONCE).send();
            pub.publishWith().topic("tls/" + engine).qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {42}).send();
            Mqtt5Publish got = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(got.getPayloadAsBytes()).containsExactly(42);
        } finally {
            pub.disconnect();
            sub.disconnect();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void negotiatesTls12AndTls13(String engine) throws Exception {
        SSLContext ctx = TestPki.clientContext(pki.caCertificate(), null);
        assertThat(TlsProbe.connect(port(engine + "-none"), ctx, "TLSv1.3").protocol()).isEqualTo("TLSv1.3");
        assertThat(TlsProbe.connect(port(engine + "-none"), ctx, "TLSv1.2").protocol()).isEqualTo("TLSv1.2");
    }

    @Test
    void configuredProtocolsAreEnforced() throws Exception {
        SSLContext ctx = TestPki.clientContext(pki.caCertificate(), null);
        assertThat(TlsProbe.connect(port("jdk-tls13"), ctx, "TLSv1.3").connected()).isTrue();
        assertThat(TlsProbe.connect(port("jdk-tls13"), ctx, "TLSv1.2").connected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void configuredCipherSuitesAreEnforced(String engine) throws Exception {
        SSLContext ctx = TestPki.clientContext(pki.caCertificate(), null);
        String[] tls12 = {"TLSv1.2"};
        assertThat(TlsProbe.connect(port(engine + "-cipher"), ctx, tls12, new String[0]).cipher()).isEqualTo(ONLY_CIPHER);
        assertThat(TlsProbe.connect(port(engine + "-cipher"), ctx, tls12, new String[] {OTHER_CIPHER}).connected())
                .isFalse();
    }

    @Test
    void pkcs12KeystoreServes() throws Exception {
        assertThat(TlsProbe.connect(port("jdk-p12"), TestPki.clientContext(pki.caCertificate(), null)).connected())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void clientAuthNoneIgnoresCertificates(String engine) throws Exception {
        assertThat(probe(engine + "-none", null).connected()).isTrue();
        assertThat(probe(engine + "-none", pki.client("device-1")).connected()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void clientAuthOptionalAcceptsNoneOrValidRefusesBad(String engine) throws Exception {
        assertThat(probe(engine + "-optional", null).connected()).isTrue();
        assertThat(probe(engine + "-optional", pki.client("device-1")).connected()).isTrue();
        assertThat(probe(engine + "-optional", pki.expiredClient("old-device")).connected()).isFalse();
        assertThat(probe(engine + "-optional", stranger.client("intruder")).connected()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "openssl"})
    void clientAuthRequiredNeedsAValidCertificate(String engine) throws Exception {
        assertThat(probe(engine + "-required", null).connected()).isFalse();
        assertThat(probe(engine + "-required", pki.client("device-1")).connected()).isTrue();
        assertThat(probe(engine + "-required", pki.expiredClient("old-device")).connected()).isFalse();
        assertThat(probe(engine + "-required", stranger.client("intruder")).connected()).isFalse();
    }

    @Test
    void untrustedServerIsRefusedByTheClient() throws Exception {
        SSLContext ctx = TestPki.clientContext(stranger.caCertificate(), null);
        assertThat(TlsProbe.connect(port("jdk-none"), ctx).failure()).isNotNull();
    }

    @Test
    void silentSocketIsClosedAfterTheHandshakeTimeout() throws Exception {
        long before = node.metrics().get(Counter.HANDSHAKE_TIMEOUTS);
        try (Socket s = new Socket("127.0.0.1", port("slow"))) {
            s.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1); // closed, nothing sent
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } catch (java.net.SocketException reset) {
            // an abort may arrive as a reset: closed all the same
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node.metrics().get(Counter.HANDSHAKE_TIMEOUTS) > before);
    }

    @Test
    void hiveMqClientWithoutCertificateIsRefusedByRequired() throws Exception {
        MqttClientSslConfig ssl = MqttClientSslConfig.builder()
                .trustManagerFactory(TestPki.trustManagers(pki.caCertificate())).build();
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(Clients.id("no-cert")).serverHost("127.0.0.1")
                .serverPort(port("jdk-required")).sslConfig(ssl).buildBlocking();
        assertThatThrownBy(c::connect).isInstanceOf(RuntimeException.class);
    }

    private static TlsProbe.Outcome probe(String listener, TestPki.Issued client) throws Exception {
        return TlsProbe.connect(port(listener), TestPki.clientContext(pki.caCertificate(), client));
    }

    static List<String> engines() {
        return List.of("jdk", "openssl");
    }
}
