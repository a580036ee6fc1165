package dev.murmur.node.tls;

import com.typesafe.config.ConfigFactory;
import dev.murmur.node.config.TlsSettings;
import dev.murmur.node.support.TestPki;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Server-side cost of the two TLS engines, in memory (no sockets, no Pekko): full handshakes per
 * second and bulk encrypt/decrypt throughput, counting only the CPU time spent inside the server
 * engine (thread CPU time, so other processes on a shared machine do not blur it, and the
 * (JSSE) client's share is left out). Run with
 * {@code node/tls-bench.sh}; results go to docs/benchmarks.md.
 */
public final class TlsEngineBenchmark {
    private static final int RECORD = 16 * 1024;
    private static final int RECORDS_PER_BATCH = 4;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpu() {
        return CPU.getCurrentThreadCpuTime();
    }

    public static void main(String[] args) throws Exception {
        Duration run = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 5);
        Path dir = Files.createTempDirectory("tls-bench");
        TestPki pki = TestPki.create("Bench CA");
        pki.writePem(pki.server("localhost"), dir.resolve("s.pem"), dir.resolve("s.key"));
        SSLContext client = TestPki.clientContext(pki.caCertificate(), null);
        System.out.printf("%-8s %-8s %14s %16s %16s%n", "engine", "protocol", "handshakes/s", "encrypt MB/s", "decrypt MB/s");
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            for (String engine : List.of("jdk", "openssl")) {
                TlsContext ctx = TlsContext.load("bench", settings(dir, engine, protocol));
                measure(ctx, client, protocol, run.dividedBy(2)); // warm-up
                double[] r = measure(ctx, client, protocol, run);
                System.out.printf("%-8s %-8s %14.0f %16.1f %16.1f%n", engine, protocol, r[0], r[1], r[2]);
            }
        }
        endToEnd(dir, client, run);
    }

    /**
     * Through a running node (Pekko TLS stage, MQTT decode, routing to no subscriber), wall clock,
     * one JSSE client on the same machine: sequential TLS 1.3 connects (handshake + CONNECT +
     * CONNACK) per second and PUBLISH payload MB/s over one connection.
     */
    private static void endToEnd(Path dir, SSLContext client, Duration run) throws Exception {
        String material = "certificate = \"" + dir.resolve("s.pem") + "\", key = \"" + dir.resolve("s.key") + "\"";
        try (dev.murmur.node.MurmurNode node = dev.murmur.node.support.TestNode.start("murmur.listeners = ["
                + "{ name = jdk, kind = tls, host = \"127.0.0.1\", port = 0, tls { engine = jdk, " + material + " } },"
                + "{ name = openssl, kind = tls, host = \"127.0.0.1\", port = 0, tls { engine = openssl, " + material + " } }]"
                + "\nmurmur.mqtt.max-packet-size = 2MiB")) {
            System.out.printf("%n%-8s %16s %16s   (end to end through a node, wall clock)%n", "engine", "connects/s",
                    "publish MB/s");
            for (int round = 0; round < 2; round++) { // the first round warms up
                for (String engine : List.of("jdk", "openssl")) {
                    int port = dev.murmur.node.support.TestNode.port(node, engine);
                    double connects = connectsPerSecond(port, client, run.dividedBy(2));
                    double mb = publishMegabytesPerSecond(port, client, run.dividedBy(2));
                    if (round == 1) {
                        System.out.printf("%-8s %16.0f %16.1f%n", engine, connects, mb);
                    }
                }
            }
        }
    }

    private static double connectsPerSecond(int port, SSLContext client, Duration run) {
        long start = System.nanoTime();
        long until = start + run.toNanos();
        int n = 0;
        while (System.nanoTime() < until) {
            if (dev.murmur.node.support.TlsProbe.connect(port, client, "TLSv1.3").connected()) {
                n++;
            }
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double publishMegabytesPerSecond(int port, SSLContext client, Duration run) throws Exception {
        dev.murmur.protocol.MqttVersion v = dev.murmur.protocol.MqttVersion.V3_1_1;
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            var out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16);
            write(out, new dev.murmur.protocol.packet.Connect(v, "bulk", true, 60, null, null, null,
                    dev.murmur.protocol.property.Properties.EMPTY), v);
            out.flush();
            s.getInputStream().readNBytes(4);
            byte[] payload = new byte[64 * 1024];
            var publish = new dev.murmur.protocol.packet.Publish("bulk/nobody", dev.murmur.protocol.QoS.AT_MOST_ONCE, false,
                    false, 0, payload, dev.murmur.protocol.property.Properties.EMPTY);
            long start = System.nanoTime();
            long until = start + run.toNanos();
            long bytes = 0;
            while (System.nanoTime() < until) {
                write(out, publish, v);
                bytes += payload.length;
            }
            write(out, dev.murmur.protocol.packet.PingReq.INSTANCE, v); // answered after every PUBLISH was read
            out.flush();
            s.getInputStream().readNBytes(2);
            return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void write(java.io.OutputStream out, dev.murmur.protocol.packet.MqttPacket p,
                              dev.murmur.protocol.MqttVersion v) throws java.io.IOException {
        ByteBuffer b = dev.murmur.protocol.codec.MqttEncoder.encode(p, v);
        out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
    }

    private static TlsSettings settings(Path dir, String engine, String protocol) {
        return TlsSettings.from(ConfigFactory.parseString("engine = " + engine + ", certificate = \"" + dir.resolve("s.pem")
                + "\", key = \"" + dir.resolve("s.key") + "\", key-password = \"\", keystore = \"\", keystore-password = \"\","
                + " ca = \"\", client-auth = none, protocols = [" + protocol + "], ciphers = [], handshake-timeout = 10s,"
                + " reload-interval = 10s"), "bench.");
    }

    /** {handshakes per server-second, encrypt MB per server-second, decrypt MB per server-second}. */
    private static double[] measure(TlsContext ctx, SSLContext clientCtx, String protocol, Duration run) throws Exception {
        long serverNanos = 0;
        int handshakes = 0;
        long until = System.nanoTime() + run.toNanos();
        while (System.nanoTime() < until) {
            Pair p = new Pair(ctx.newEngine(), clientEngine(clientCtx, protocol));
            p.handshake();
            serverNanos += p.serverNanos;
            handshakes++;
        }
        Pair bulk = new Pair(ctx.newEngine(), clientEngine(clientCtx, protocol));
        bulk.handshake();
        long bytes = 0;
        long encryptNanos = 0;
        long decryptNanos = 0;
        until = System.nanoTime() + run.toNanos();
        ByteBuffer plain = ByteBuffer.allocate(RECORD);
        while (System.nanoTime() < until) {
            encryptNanos += bulk.serverToClient(plain);
            decryptNanos += bulk.clientToServer(plain);
            bytes += (long) RECORD * RECORDS_PER_BATCH;
        }
        return new double[] {handshakes / (serverNanos / 1e9), bytes / 1e6 / (encryptNanos / 1e9),
                bytes / 1e6 / (decryptNanos / 1e9)};
    }

    /** A new peer port each time: the client's session cache never offers resumption, so every handshake is full. */
    private static int peerPort;

    private static SSLEngine clientEngine(SSLContext ctx, String protocol) {
        peerPort = peerPort % 60_000 + 1;
        SSLEngine e = ctx.createSSLEngine("localhost", peerPort);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {protocol});
        return e;
    }

    /** A server and a client engine wired back to back through two buffers. */
    private static final class Pair {
        final SSLEngine server;
        final SSLEngine client;
        final ByteBuffer toServer = ByteBuffer.allocate(1 << 18);
        final ByteBuffer toClient = ByteBuffer.allocate(1 << 18);
        final ByteBuffer appIn = ByteBuffer.allocate(1 << 17);
        final ByteBuffer empty = ByteBuffer.allocate(0);
        long serverNanos;

        Pair(SSLEngine server, SSLEngine client) {
            this.server = server;
            this.client = client;
        }

        void handshake() throws SSLException {
            client.beginHandshake();
            long t = cpu();
            server.beginHandshake();
            serverNanos += cpu() - t;
            for (int i = 0; i < 100 && (busy(client) || busy(server)); i++) {
                step(client, toServer, toClient, false);
                step(server, toClient, toServer, true);
            }
            if (busy(client) || busy(server)) {
                throw new SSLException("handshake did not finish");
            }
        }

        private static boolean busy(SSLEngine e) {
            HandshakeStatus s = e.getHandshakeStatus();
            return s != HandshakeStatus.NOT_HANDSHAKING && s != HandshakeStatus.FINISHED;
        }

        /** Feeds {@code in} to {@code e} and lets it write to {@code out}, running its tasks. */
        private void step(SSLEngine e, ByteBuffer out, ByteBuffer in, boolean timed) throws SSLException {
            long t = cpu();
            in.flip();
            SSLEngineResult r;
            do {
                r = e.unwrap(in, appIn.clear());
                runTasks(e);
            } while (r.getStatus() == SSLEngineResult.Status.OK && in.hasRemaining() && r.bytesConsumed() > 0);
            in.compact();
            do {
                r = e.wrap(empty, out);
                runTasks(e);
            } while (r.getStatus() == SSLEngineResult.Status.OK && r.bytesProduced() > 0);
            if (timed) {
                serverNanos += cpu() - t;
            }
        }

        private static void runTasks(SSLEngine e) {
            Runnable task;
            while ((task = e.getDelegatedTask()) != null) {
                task.run();
            }
        }

        long serverToClient(ByteBuffer plain) throws SSLException {
            long t = cpu();
            for (int i = 0; i < RECORDS_PER_BATCH; i++) {
                server.wrap(plain.clear(), toClient); // appends: post-handshake messages may still be queued
            }
            long spent = cpu() - t;
            drain(client, toClient);
            return spent;
        }

        long clientToServer(ByteBuffer plain) throws SSLException {
            for (int i = 0; i < RECORDS_PER_BATCH; i++) {
                client.wrap(plain.clear(), toServer);
            }
            long t = cpu();
            drain(server, toServer);
            return cpu() - t;
        }

        private void drain(SSLEngine e, ByteBuffer in) throws SSLException {
            in.flip();
            while (in.hasRemaining()) {
                if (e.unwrap(in, appIn.clear()).bytesConsumed() == 0) {
                    break;
                }
            }
            in.compact();
        }
    }
}
