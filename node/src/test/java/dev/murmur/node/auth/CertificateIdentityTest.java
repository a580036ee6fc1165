package dev.murmur.node.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.support.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verified client certificate stands for a username: subject CN or first SAN. */
class CertificateIdentityTest {
    @TempDir
    Path dir;

    @Test
    void commonNameAndSanAreRead() {
        TestPki pki = TestPki.create("Id CA");
        assertThat(CertificateIdentity.commonName(pki.client("device-7").certificate())).isEqualTo("device-7");
        assertThat(CertificateIdentity.firstSan(pki.clientWithSan("x", "meter-3.example").certificate()))
                .isEqualTo("meter-3.example");
        assertThat(CertificateIdentity.firstSan(pki.client("no-san").certificate())).isNull();
    }

    @Test
    void certificateCnIsTheUsernameInAclRules() throws Exception {
        TestPki pki = TestPki.create("Id CA");
        pki.writePem(pki.server("localhost"), dir.resolve("server.pem"), dir.resolve("server.key"));
        pki.writeCa(dir.resolve("ca.pem"));
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "allow all devices/%u/#\n");
        try (MurmurNode node = TestNode.start("murmur.auth { certificate-identity = cn, acl-file = \"" + acl + "\" }\n"
                + "murmur.listeners = [{ name = mtls, kind = tls, host = \"127.0.0.1\", port = 0, allow-anonymous = off,"
                + " tls { certificate = \"" + dir.resolve("server.pem") + "\", key = \"" + dir.resolve("server.key")
                + "\", ca = \"" + dir.resolve("ca.pem") + "\", client-auth = required } }]")) {
            MqttClientSslConfig ssl = MqttClientSslConfig.builder()
                    .trustManagerFactory(TestPki.trustManagers(pki.caCertificate()))
                    .keyManagerFactory(TestPki.keyManagers(pki.client("device-7"))).build();
            // No username in CONNECT: the certificate is the identity (anonymous is off here).
            Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(Clients.id("mtls")).serverHost("127.0.0.1")
                    .serverPort(TestNode.port(node, "mtls")).sslConfig(ssl).buildBlocking();
            c.connect();
            Mqtt5SubAck ack;
            try {
                ack = c.subscribeWith()
                        .addSubscription(Mqtt5Subscription.builder().topicFilter("devices/device-7/cmd")
                                .qos(MqttQos.AT_MOST_ONCE).build())
                        .addSubscription(Mqtt5Subscription.builder().topicFilter("devices/device-8/cmd")
                                .qos(MqttQos.AT_MOST_ONCE).build())
                        .send();
            } catch (Mqtt5SubAckException partlyRefused) { // the client reports any failure code this way
                ack = partlyRefused.getMqttMessage();
            }
            assertThat(ack.getReasonCodes()).containsExactly(Mqtt5SubAckReasonCode.GRANTED_QOS_0,
                    Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            c.disconnect();
        }
    }
}
