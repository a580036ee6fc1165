package dev.murmur.node.support;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.property.Properties;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** One TLS connection by hand: handshake, CONNECT, and what came back (or how it failed). */
public final class TlsProbe {
    private TlsProbe() {
    }

    /**
     * What the server did.
     *
     * @param connAckCode CONNACK return code, or -1 when no CONNACK came (handshake failed, closed)
     * @param protocol    negotiated TLS protocol, null when the handshake failed
     * @param serverSerial serial number of the server certificate presented
     */
    public record Outcome(int connAckCode, String protocol, String cipher, BigInteger serverSerial, String failure) {
        public boolean connected() {
            return connAckCode == 0;
        }
    }

    public static Outcome connect(int port, SSLContext ctx, String... protocols) {
        return connect(port, ctx, protocols, new String[0]);
    }

    /** With only {@code ciphers} offered (all of the client's defaults when empty). */
    public static Outcome connect(int port, SSLContext ctx, String[] protocols, String[] ciphers) {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5_000);
            s.setTcpNoDelay(true);
            if (protocols.length > 0) {
                s.setEnabledProtocols(protocols);
            }
            if (ciphers.length > 0) {
                s.setEnabledCipherSuites(ciphers);
            }
            s.startHandshake();
            String protocol = s.getSession().getProtocol();
            String cipher = s.getSession().getCipherSuite();
            BigInteger serial = ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSerialNumber();
            ByteBuffer b = MqttEncoder.encode(new Connect(MqttVersion.V3_1_1, Clients.id("tls"), true, 30, null, null,
                    null, Properties.EMPTY), MqttVersion.V3_1_1);
            s.getOutputStream().write(b.array(), b.arrayOffset() + b.position(), b.remaining());
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            byte[] ack = in.readNBytes(4);
            if (ack.length < 4 || ack[0] != 0x20) {
                return new Outcome(-1, protocol, cipher, serial, "no CONNACK (" + ack.length + " bytes)");
            }
            return new Outcome(ack[3], protocol, cipher, serial, null);
        } catch (IOException e) {
            return new Outcome(-1, null, null, null, e.toString());
        }
    }
}
