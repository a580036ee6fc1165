package dev.murmur.node.support;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.property.Properties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A raw-socket MQTT client for what real client libraries refuse to send: arbitrary bytes,
 * protocol violations, and a reader that reports exactly what the server answered.
 */
public final class RawClient implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_PACKET = 1 << 20;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final MqttVersion version;
    private final MqttDecoder decoder;
    private ByteBuffer pending = ByteBuffer.allocate(0);

    public RawClient(int port, MqttVersion version) throws IOException {
        this.socket = new Socket("127.0.0.1", port);
        this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.version = version;
        this.decoder = MqttDecoder.forClient(version, MAX_PACKET);
    }

    /** A CONNECT with clean start and no credentials. */
    public static Connect connect(MqttVersion version, String clientId) {
        return new Connect(version, clientId, true, 60, null, null, null, Properties.EMPTY);
    }

    public void send(MqttPacket packet) throws IOException {
        ByteBuffer b = MqttEncoder.encode(packet, version);
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        out.flush();
    }

    /** Sends hand-written bytes; each int is one byte (0..255). */
    public void sendBytes(int... bytes) throws IOException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        sendRaw(b);
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next packet, or null when the server closed the connection first. */
    public MqttPacket read() throws IOException {
        while (true) {
            if (pending.hasRemaining()) {
                DecodeResult r = decoder.decode(pending);
                if (r instanceof DecodeResult.Decoded d) {
                    return d.packet();
                }
                if (r instanceof DecodeResult.Failed f) {
                    throw new IOException("undecodable server packet: " + f);
                }
            }
            byte[] chunk = new byte[4096];
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw new IOException("no packet from the server within " + READ_TIMEOUT_MILLIS + " ms", e);
            } catch (IOException e) {
                return null; // reset by peer counts as closed
            }
            if (n < 0) {
                return null;
            }
            pending = ByteBuffer.wrap(chunk, 0, n);
        }
    }

    /**
     * The next packet if one arrives within {@code timeout}, else null (the connection stays
     * usable). For checks that something is NOT sent, e.g. beyond a receive maximum.
     */
    public MqttPacket poll(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return read();
        } catch (IOException e) {
            if (e.getCause() instanceof SocketTimeoutException) {
                return null;
            }
            throw e;
        } finally {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        }
    }

    /** The next packet, which must be of {@code type}. */
    public <T extends MqttPacket> T expect(Class<T> type) throws IOException {
        MqttPacket p = read();
        if (!type.isInstance(p)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + p);
        }
        return type.cast(p);
    }

    /** A v5 CONNECT with clean start, keep alive 60 and these properties. */
    public static Connect connectV5(String clientId, Properties properties) {
        return new Connect(MqttVersion.V5, clientId, true, 60, null, null, null, properties);
    }

    /** Raw bytes until the server closes (or the timeout), for answers the codec need not parse. */
    public byte[] readUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                all.write(chunk, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("server did not close within " + timeout, e);
        } catch (IOException e) {
            // reset: closed
        }
        return all.toByteArray();
    }

    /** True once the server has closed: a read returns end of stream (or a reset). */
    public boolean isClosedByServer() throws IOException {
        MqttPacket p = read();
        return p == null;
    }

    public void stopReading() {
        // Nothing: simply not calling read() lets the socket's receive buffer fill up.
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
