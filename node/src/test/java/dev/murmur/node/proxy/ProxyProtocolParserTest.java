package dev.murmur.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.proxy.ProxyParseResult.Malformed;
import dev.murmur.node.proxy.ProxyParseResult.NeedMore;
import dev.murmur.node.proxy.ProxyParseResult.Parsed;
import dev.murmur.node.support.ProxyHeaders;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** PROXY v1 and v2 headers, byte by byte, from HAProxy's proxy-protocol.txt. */
class ProxyProtocolParserTest {
    private final ProxyProtocolParser parser = new ProxyProtocolParser(4096);

    private ProxyParseResult parse(byte[] b) {
        return parser.parse(b, b.length);
    }

    @Test
    void v1Tcp4() {
        byte[] h = ProxyHeaders.v1("TCP4", "203.0.113.7", "10.0.0.1", 51234, 1883);
        assertThat(parse(h)).isInstanceOfSatisfying(Parsed.class, p -> {
            assertThat(p.length()).isEqualTo(h.length);
            assertThat(p.header().source()).isEqualTo(new InetSocketAddress("203.0.113.7", 51234));
            assertThat(p.header().destination().getPort()).isEqualTo(1883);
        });
    }

    @Test
    void v1Tcp6AndUnknown() {
        assertThat(parse(ProxyHeaders.v1("TCP6", "2001:db8::1", "2001:db8::2", 1, 2)))
                .isInstanceOfSatisfying(Parsed.class, p -> assertThat(p.header().source().getAddress().getAddress()).hasSize(16));
        byte[] unknown = "PROXY UNKNOWN whatever\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(parse(unknown)).isInstanceOfSatisfying(Parsed.class, p -> assertThat(p.header().source()).isNull());
    }

    @Test
    void v1ArrivesInPieces() {
        byte[] h = ProxyHeaders.v1("TCP4", "203.0.113.7", "10.0.0.1", 1, 2);
        for (int n = 0; n < h.length; n++) {
            assertThat(parser.parse(h, n)).as("after %d bytes", n).isSameAs(NeedMore.INSTANCE);
        }
    }

    @Test
    void v1Malformed() {
        assertThat(parse(ProxyHeaders.v1("TCP4", "2001:db8::1", "10.0.0.1", 1, 2))).isInstanceOf(Malformed.class);
        assertThat(parse(ProxyHeaders.v1("TCP4", "host.example", "10.0.0.1", 1, 2))).isInstanceOf(Malformed.class);
        assertThat(parse(ProxyHeaders.v1("TCP4", "1.2.3.4", "10.0.0.1", 70000, 2))).isInstanceOf(Malformed.class);
        assertThat(parse("PROXY TCP4 1.2.3.4 10.0.0.1 1 2 x\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(Malformed.class);
        byte[] endless = new byte[120];
        Arrays.fill(endless, (byte) 'A');
        System.arraycopy("PROXY ".getBytes(StandardCharsets.US_ASCII), 0, endless, 0, 6);
        assertThat(parse(endless)).isInstanceOf(Malformed.class); // no CRLF within 107 bytes
    }

    @Test
    void missingHeaderIsRefusedAtTheFirstByte() {
        assertThat(parse(new byte[] {0x10})).isInstanceOfSatisfying(Malformed.class,
                m -> assertThat(m.reason()).contains("missing"));
        assertThat(parse("GET / HTTP/1.1".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(Malformed.class);
    }

    @Test
    void v2Inet() throws Exception {
        byte[] h = ProxyHeaders.v2("198.51.100.9", 40000, "10.0.0.1", 8883);
        assertThat(parse(h)).isInstanceOfSatisfying(Parsed.class, p -> {
            assertThat(p.length()).isEqualTo(16 + 12);
            assertThat(p.header().version()).isEqualTo(2);
            assertThat(p.header().source()).isEqualTo(new InetSocketAddress("198.51.100.9", 40000));
            assertThat(p.header().ssl()).isNull();
        });
    }

    @Test
    void v2Inet6() throws Exception {
        assertThat(parse(ProxyHeaders.v2("2001:db8::7", 1, "2001:db8::8", 2)))
                .isInstanceOfSatisfying(Parsed.class, p -> assertThat(p.length()).isEqualTo(16 + 36));
    }

    @Test
    void v2LocalUsesNoAddress() {
        assertThat(parse(ProxyHeaders.v2Local())).isInstanceOfSatisfying(Parsed.class,
                p -> assertThat(p.header().source()).isNull());
    }

    @Test
    void v2SslTlvWithClientCertificateCn() throws Exception {
        byte[] h = ProxyHeaders.v2("198.51.100.9", 1, "10.0.0.1", 2, ProxyHeaders.tlv(0x04, new byte[3]),
                ProxyHeaders.sslTlv(0x01 | 0x02, 0, "TLSv1.3", "device-42"));
        assertThat(parse(h)).isInstanceOfSatisfying(Parsed.class, p -> {
            ProxyHeader.Ssl ssl = p.header().ssl();
            assertThat(ssl.clientSsl()).isTrue();
            assertThat(ssl.tlsVersion()).isEqualTo("TLSv1.3");
            assertThat(ssl.clientCn()).isEqualTo("device-42");
            assertThat(ssl.clientCertVerified()).isTrue();
        });
        byte[] failedVerify = ProxyHeaders.v2("198.51.100.9", 1, "10.0.0.1", 2,
                ProxyHeaders.sslTlv(0x01 | 0x02, 1, null, "device-42"));
        assertThat(parse(failedVerify)).isInstanceOfSatisfying(Parsed.class,
                p -> assertThat(p.header().ssl().clientCertVerified()).isFalse());
    }

    @Test
    void v2Crc32cIsChecked() throws Exception {
        byte[] h = ProxyHeaders.v2("198.51.100.9", 1, "10.0.0.1", 2, ProxyHeaders.tlv(0x03, new byte[4]));
        int crcAt = 16 + 12 + 3;
        ProxyHeaders.withCrc(h, crcAt);
        assertThat(parse(h)).isInstanceOf(Parsed.class);
        h[20] ^= 1; // a flipped address bit
        assertThat(parse(h)).isInstanceOfSatisfying(Malformed.class, m -> assertThat(m.reason()).contains("CRC"));
    }

    @Test
    void v2Malformed() throws Exception {
        assertThat(parse(ProxyHeaders.header(0x31, 0x11, new byte[12]))).isInstanceOf(Malformed.class); // version 3
        assertThat(parse(ProxyHeaders.header(0x2F, 0x11, new byte[12]))).isInstanceOf(Malformed.class); // command 15
        assertThat(parse(ProxyHeaders.header(0x21, 0x11, new byte[8]))).isInstanceOf(Malformed.class); // short address
        assertThat(parse(ProxyHeaders.header(0x21, 0x51, new byte[12]))).isInstanceOf(Malformed.class); // family 5
        byte[] cutTlv = ProxyHeaders.v2("1.2.3.4", 1, "5.6.7.8", 2, new byte[] {0x20, 0x00, 0x09, 0x01});
        assertThat(parse(cutTlv)).isInstanceOf(Malformed.class);
        byte[] big = ProxyHeaders.header(0x21, 0x11, new byte[5000]);
        assertThat(parser.parse(big, 16)).isInstanceOf(Malformed.class); // refused from the length field alone
    }

    @Test
    void v2ArrivesInPieces() throws Exception {
        byte[] h = ProxyHeaders.v2("198.51.100.9", 1, "10.0.0.1", 2, ProxyHeaders.sslTlv(1, 0, "TLSv1.2", null));
        for (int n = 0; n < h.length; n++) {
            assertThat(parser.parse(h, n)).as("after %d bytes", n).isSameAs(NeedMore.INSTANCE);
        }
        assertThat(parser.parse(h, h.length)).isInstanceOf(Parsed.class);
    }
}
