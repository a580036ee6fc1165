package dev.murmur.node.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.support.TestPki;
import dev.murmur.node.support.TlsProbe;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate and key hot reload: new handshakes get the new material, open connections stay. */
class TlsReloadTest {
    @TempDir
    Path dir;

    @Test
    void newConnectionSeesRenewedCertificateOldConnectionStays() throws Exception {
        TestPki pki = TestPki.create("Reload CA");
        TestPki.Issued first = pki.server("localhost");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        pki.writePem(first, cert, key);
        try (MurmurNode node = TestNode.start("murmur.listeners = [{ name = tls, kind = tls, host = \"127.0.0.1\","
                + " port = 0, tls { certificate = \"" + cert + "\", key = \"" + key + "\", reload-interval = 200ms } }]")) {
            int port = TestNode.port(node, "tls");
            SSLContext ctx = TestPki.clientContext(pki.caCertificate(), null);
            assertThat(TlsProbe.connect(port, ctx).serverSerial()).isEqualTo(first.certificate().getSerialNumber());

            Mqtt5BlockingClient open = Mqtt5Client.builder().identifier(Clients.id("stays")).serverHost("127.0.0.1")
                    .serverPort(port).sslConfig(MqttClientSslConfig.builder()
                            .trustManagerFactory(TestPki.trustManagers(pki.caCertificate())).build()).buildBlocking();
            open.connect();

            TestPki.Issued renewed = pki.server("localhost");
            Path staging = Files.createDirectory(dir.resolve("staging"));
            pki.writePem(renewed, staging.resolve("server.pem"), staging.resolve("server.key"));
            Files.move(staging.resolve("server.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(staging.resolve("server.pem"), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

            BigInteger expected = renewed.certificate().getSerialNumber();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> expected.equals(TlsProbe.connect(port, ctx).serverSerial()));

            // The connection made before the reload keeps working.
            open.publishWith().topic("reload/still-here").qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(open.getState().isConnected()).isTrue();
            open.disconnect();
        }
    }

    @Test
    void brokenMaterialKeepsThePreviousCertificate() throws Exception {
        TestPki pki = TestPki.create("Reload CA 2");
        TestPki.Issued first = pki.server("localhost");
        Path cert = dir.resolve("server.pem");
        Path key = dir.resolve("server.key");
        pki.writePem(first, cert, key);
        try (MurmurNode node = TestNode.start("murmur.listeners = [{ name = tls, kind = tls, host = \"127.0.0.1\","
                + " port = 0, tls { certificate = \"" + cert + "\", key = \"" + key + "\", reload-interval = 100ms } }]")) {
            int port = TestNode.port(node, "tls");
            TlsContext context = node.listeners().get(0).tls();
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
            // A key from another pair must not be paired with the old certificate either.
            TestPki.Issued other = pki.server("localhost");
            Path otherKey = dir.resolve("other.key");
            pki.writePem(other, dir.resolve("other.pem"), otherKey);
            Files.copy(otherKey, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            context.reload(); // as SIGHUP would
            SSLContext ctx = TestPki.clientContext(pki.caCertificate(), null);
            TlsProbe.Outcome after = TlsProbe.connect(port, ctx);
            assertThat(after.connected()).isTrue();
            assertThat(after.serverSerial()).isEqualTo(first.certificate().getSerialNumber());
        }
    }
}
