package dev.murmur.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.ProxyHeaders;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.support.TestPki;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners behind a load balancer: PROXY v1 / v2 before MQTT (or before TLS, for TLS
 * pass-through), the real address in an ACL rule, the SSL TLV's client CN as identity, and
 * malformed or missing headers closing the connection (counted).
 */
class ProxyProtocolListenerTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static MurmurNode node;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create("LB CA");
        pki.writePem(pki.server("localhost"), dir.resolve("server.pem"), dir.resolve("server.key"));
        Path acl = dir.resolve("acl");
        Files.writeString(acl, """
                # the office network may use lan/; everyone may use public/
                allow all lan/#    address=203.0.113.0/24
                allow all public/#
                """);
        node = TestNode.start("murmur.auth { acl-file = \"" + acl + "\", certificate-identity = cn }\n"
                + "murmur.listeners = ["
                + "{ name = lb, kind = tcp, host = \"127.0.0.1\", port = 0, proxy-protocol = on },"
                + "{ name = lb-terminated, kind = tcp, host = \"127.0.0.1\", port = 0, proxy-protocol = on,"
                + "  allow-anonymous = off },"
                + "{ name = lb-rate, kind = tcp, host = \"127.0.0.1\", port = 0, proxy-protocol = on,"
                + "  connection-rate-per-address = 0.1, connection-burst-per-address = 1 },"
                + "{ name = lb-passthrough, kind = tls, host = \"127.0.0.1\", port = 0, proxy-protocol = on,"
                + "  tls { certificate = \"" + dir.resolve("server.pem") + "\", key = \"" + dir.resolve("server.key")
                + "\" } }]");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawClient behindProxy(String listener, byte[] header, MqttVersion v) throws Exception {
        RawClient c = new RawClient(TestNode.port(node, listener), v);
        c.sendRaw(header);
        try {
            c.send(RawClient.connect(v, Clients.id("lb")));
        } catch (java.net.SocketException e) {
            // refused from the header alone (rate limit): the server may close before CONNECT is written
        }
        return c;
    }

    @Test
    void v1HeaderThenMqtt() throws Exception {
        try (RawClient c = behindProxy("lb", ProxyHeaders.v1("TCP4", "198.51.100.1", "10.0.0.1", 5555, 1883),
                MqttVersion.V3_1_1)) {
            assertThat(c.read()).isInstanceOfSatisfying(ConnAck.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
        }
    }

    @Test
    void v2HeaderInTheSameSegmentAsConnect() throws Exception {
        RawClient c = new RawClient(TestNode.port(node, "lb"), MqttVersion.V5);
        byte[] header = ProxyHeaders.v2("2001:db8::5", 4000, "2001:db8::1", 1883);
        java.nio.ByteBuffer connect = dev.murmur.protocol.codec.MqttEncoder.encode(
                RawClient.connect(MqttVersion.V5, Clients.id("lb2")), MqttVersion.V5);
        byte[] both = new byte[header.length + connect.remaining()];
        System.arraycopy(header, 0, both, 0, header.length);
        connect.get(both, header.length, connect.remaining());
        c.sendRaw(both);
        assertThat(c.read()).isInstanceOf(ConnAck.class);
        c.close();
    }

    @Test
    void aclRuleSeesTheAddressFromTheHeader() throws Exception {
        // Both sockets come from 127.0.0.1; only the PROXY header tells them apart.
        try (RawClient office = behindProxy("lb", ProxyHeaders.v2("203.0.113.7", 1, "10.0.0.1", 1883), MqttVersion.V5);
             RawClient outside = behindProxy("lb", ProxyHeaders.v2("198.51.100.7", 1, "10.0.0.1", 1883), MqttVersion.V5)) {
            assertThat(office.read()).isInstanceOf(ConnAck.class);
            assertThat(outside.read()).isInstanceOf(ConnAck.class);
            Subscribe lan = new Subscribe(1, List.of(Subscription.of("lan/printers", QoS.AT_MOST_ONCE)), Properties.EMPTY);
            office.send(lan);
            outside.send(lan);
            assertThat(office.read()).isInstanceOfSatisfying(SubAck.class,
                    s -> assertThat(s.reasonCodes()).containsExactly(ReasonCode.GRANTED_QOS_0));
            assertThat(outside.read()).isInstanceOfSatisfying(SubAck.class,
                    s -> assertThat(s.reasonCodes()).containsExactly(ReasonCode.NOT_AUTHORIZED));
        }
    }

    @Test
    void sslTlvClientCnIsTheIdentityWhenTheBalancerVerifiedIt() throws Exception {
        byte[] verified = ProxyHeaders.v2("198.51.100.8", 1, "10.0.0.1", 8883,
                ProxyHeaders.sslTlv(0x01 | 0x02, 0, "TLSv1.3", "device-42"));
        try (RawClient c = behindProxy("lb-terminated", verified, MqttVersion.V5)) {
            assertThat(c.read()).isInstanceOfSatisfying(ConnAck.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
        }
        byte[] unverified = ProxyHeaders.v2("198.51.100.8", 1, "10.0.0.1", 8883,
                ProxyHeaders.sslTlv(0x01 | 0x02, 5, "TLSv1.3", "device-42"));
        try (RawClient c = behindProxy("lb-terminated", unverified, MqttVersion.V5)) {
            assertThat(c.read()).isInstanceOfSatisfying(ConnAck.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED)); // anonymous not allowed
        }
    }

    @Test
    void headerBeforeTlsForPassThroughBalancers() throws Exception {
        Socket raw = new Socket("127.0.0.1", TestNode.port(node, "lb-passthrough"));
        raw.getOutputStream().write(ProxyHeaders.v1("TCP4", "198.51.100.2", "10.0.0.1", 7, 8883));
        SSLContext ctx = TestPki.clientContext(pki.caCertificate(), null);
        try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "127.0.0.1", raw.getPort(), true)) {
            tls.setSoTimeout(5000);
            tls.startHandshake();
            java.nio.ByteBuffer b = dev.murmur.protocol.codec.MqttEncoder.encode(
                    RawClient.connect(MqttVersion.V3_1_1, Clients.id("pt")), MqttVersion.V3_1_1);
            tls.getOutputStream().write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            InputStream in = tls.getInputStream();
            assertThat(in.readNBytes(4)).containsExactly(0x20, 0x02, 0x00, 0x00);
        }
    }

    @Test
    void perAddressRateUsesTheAddressFromTheHeader() throws Exception {
        long before = node.metrics().get(Counter.CONNECTIONS_REFUSED_RATE);
        byte[] device = ProxyHeaders.v2("198.51.100.77", 1, "10.0.0.1", 1883);
        try (RawClient first = behindProxy("lb-rate", device, MqttVersion.V5)) {
            assertThat(first.read()).isInstanceOf(ConnAck.class);
            try (RawClient again = behindProxy("lb-rate", device, MqttVersion.V5)) {
                assertThat(again.isClosedByServer()).isTrue(); // one per 10 s from that address
            }
            // Same socket address (127.0.0.1), another real client: its own budget.
            try (RawClient other = behindProxy("lb-rate", ProxyHeaders.v2("198.51.100.78", 1, "10.0.0.1", 1883),
                    MqttVersion.V5)) {
                assertThat(other.read()).isInstanceOf(ConnAck.class);
            }
        }
        assertThat(node.metrics().get(Counter.CONNECTIONS_REFUSED_RATE)).isEqualTo(before + 1);
    }

    @Test
    void missingHeaderClosesTheConnectionAndIsCounted() throws Exception {
        long before = node.metrics().get(Counter.PROXY_HEADERS_REJECTED);
        try (RawClient c = new RawClient(TestNode.port(node, "lb"), MqttVersion.V5)) {
            c.send(RawClient.connect(MqttVersion.V5, Clients.id("direct")));
            assertThat(c.isClosedByServer()).isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node.metrics().get(Counter.PROXY_HEADERS_REJECTED) > before);
    }

    @Test
    void malformedHeadersCloseTheConnectionAndAreCounted() throws Exception {
        List<byte[]> bad = List.of(
                "PROXY TCP4 not-an-ip 10.0.0.1 1 2\r\n".getBytes(),
                ProxyHeaders.header(0x21, 0x11, new byte[4]),
                ProxyHeaders.header(0x31, 0x11, new byte[12]));
        long before = node.metrics().get(Counter.PROXY_HEADERS_REJECTED);
        for (byte[] header : bad) {
            try (RawClient c = new RawClient(TestNode.port(node, "lb"), MqttVersion.V5)) {
                c.sendRaw(header);
                assertThat(c.isClosedByServer()).isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> node.metrics().get(Counter.PROXY_HEADERS_REJECTED) >= before + bad.size());
    }
}
