package dev.murmur.node.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.MqttWebSocketConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import dev.murmur.node.support.TestPki;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.codec.DecodeResult;
import dev.murmur.protocol.codec.MqttDecoder;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MQTT over WebSocket (MQTT 5.0 section 6) on ws and wss listeners. */
class WebSocketListenerTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static MurmurNode node;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create("WS CA");
        pki.writePem(pki.server("localhost"), dir.resolve("server.pem"), dir.resolve("server.key"));
        node = TestNode.start("murmur.listeners = ["
                + "{ name = ws, kind = ws, host = \"127.0.0.1\", port = 0, upgrade-timeout = 500ms },"
                + "{ name = wss, kind = wss, host = \"127.0.0.1\", port = 0, tls { certificate = \""
                + dir.resolve("server.pem") + "\", key = \"" + dir.resolve("server.key") + "\" } }]");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static MqttWebSocketConfig ws() {
        return MqttWebSocketConfig.builder().serverPath("mqtt").subprotocol("mqtt").build();
    }

    @Test
    void hiveMqClientsPublishAndSubscribeOverWs() throws Exception {
        int port = TestNode.port(node, "ws");
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier(Clients.id("ws-sub")).serverHost("127.0.0.1")
                .serverPort(port).webSocketConfig(ws()).buildBlocking();
        Mqtt3BlockingClient pub = Mqtt3Client.builder().identifier(Clients.id("ws-pub")).serverHost("127.0.0.1")
                .serverPort(port).webSocketConfig(ws()).buildBlocking();
        roundTrip(sub, () -> {
            pub.connect();
            pub.publishWith().topic("ws/t").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[5000]).send();
            pub.disconnect();
        }, "ws/t", 5000);
    }

    @Test
    void hiveMqClientsPublishAndSubscribeOverWss() throws Exception {
        int port = TestNode.port(node, "wss");
        MqttClientSslConfig ssl = MqttClientSslConfig.builder()
                .trustManagerFactory(TestPki.trustManagers(pki.caCertificate())).build();
        Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier(Clients.id("wss-sub")).serverHost("127.0.0.1")
                .serverPort(port).sslConfig(ssl).webSocketConfig(ws()).buildBlocking();
        Mqtt5BlockingClient pub = Mqtt5Client.builder().identifier(Clients.id("wss-pub")).serverHost("127.0.0.1")
                .serverPort(port).sslConfig(ssl).webSocketConfig(ws()).buildBlocking();
        roundTrip(sub, () -> {
            pub.connect();
            pub.publishWith().topic("wss/t").qos(MqttQos.EXACTLY_ONCE).payload(new byte[100_000]).send();
            pub.disconnect();
        }, "wss/t", 100_000);
    }

    private static void roundTrip(Mqtt5BlockingClient sub, Runnable publish, String topic, int size) throws Exception {
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.EXACTLY_ONCE).send();
            publish.run();
            Mqtt5Publish got = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(got.getPayloadAsBytes()).hasSize(size);
        } finally {
            sub.disconnect();
        }
    }

    @Test
    void packetsSplitAcrossFramesAndSeveralPacketsInOneFrame() throws Exception {
        Frames client = Frames.open(TestNode.port(node, "ws"), "mqtt");
        String id = Clients.id("frames");
        byte[] connect = encode(new Connect(MqttVersion.V5, id, true, 30, null, null, null, Properties.EMPTY));
        // CONNECT in three binary frames (MQTT 5.0 6.0: a packet may span frames).
        client.send(slice(connect, 0, 1));
        client.send(slice(connect, 1, 4));
        client.send(slice(connect, 4, connect.length));
        assertThat(client.next()).isInstanceOfSatisfying(ConnAck.class, a -> assertThat(a.reasonCode().value()).isZero());
        client.send(encode(new Subscribe(1, List.of(Subscription.of("frames/" + id, QoS.AT_MOST_ONCE)),
                Properties.EMPTY)));
        assertThat(client.next()).isInstanceOf(SubAck.class);
        // One frame with two whole PUBLISHes and the start of a third; the next frame ends it.
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(publish(id, 1));
        frame.write(publish(id, 2));
        byte[] third = publish(id, 3);
        frame.write(third, 0, 5);
        client.send(frame.toByteArray());
        client.send(slice(third, 5, third.length));
        for (int i = 1; i <= 3; i++) {
            int expected = i;
            assertThat(client.next()).isInstanceOfSatisfying(Publish.class,
                    p -> assertThat(p.payload()).containsExactly(expected));
        }
        client.close();
    }

    @Test
    void textFrameClosesTheConnection() throws Exception {
        Frames client = Frames.open(TestNode.port(node, "ws"), "mqtt");
        client.socket.sendText("CONNECT", true); // MQTT-6.0.0-1
        await().atMost(Duration.ofSeconds(5)).until(() -> client.closed);
    }

    @Test
    void upgradeWithoutMqttSubprotocolIsRefused() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Frames.open(TestNode.port(node, "ws"), "chat")))
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .hasStackTraceContaining("400");
    }

    @Test
    void idleSocketWithoutUpgradeIsClosed() throws Exception {
        long before = node.metrics().get(Counter.HANDSHAKE_TIMEOUTS);
        try (Socket s = new Socket("127.0.0.1", TestNode.port(node, "ws"))) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /mqtt HTTP/1.1\r\nHost: x\r\n".getBytes()); // never finished
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        } catch (java.net.SocketException reset) {
            // aborted: closed all the same
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> node.metrics().get(Counter.HANDSHAKE_TIMEOUTS) > before);
    }

    private static byte[] encode(MqttPacket p) {
        ByteBuffer b = MqttEncoder.encode(p, MqttVersion.V5);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] publish(String id, int payload) {
        return encode(new Publish("frames/" + id, QoS.AT_MOST_ONCE, false, false, 0, new byte[] {(byte) payload},
                Properties.EMPTY));
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    /** The JDK's WebSocket client, sending chosen binary frames and decoding what comes back. */
    static final class Frames implements WebSocket.Listener {
        final BlockingQueue<MqttPacket> packets = new LinkedBlockingQueue<>();
        final MqttDecoder decoder = MqttDecoder.forClient(MqttVersion.V5, 1 << 20);
        volatile boolean closed;
        WebSocket socket;

        static Frames open(int port, String subprotocol) {
            Frames f = new Frames();
            try {
                f.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols(subprotocol)
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/mqtt"), f).join();
            } catch (CompletionException e) {
                throw e;
            }
            return f;
        }

        void send(byte[] frame) {
            socket.sendBinary(ByteBuffer.wrap(frame), true).join();
        }

        MqttPacket next() throws InterruptedException {
            MqttPacket p = packets.poll(5, TimeUnit.SECONDS);
            assertThat(p).as("packet from the server").isNotNull();
            return p;
        }

        void close() {
            socket.abort();
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            while (copy.hasRemaining()) {
                DecodeResult r = decoder.decode(copy);
                if (r instanceof DecodeResult.Decoded d) {
                    packets.add(d.packet());
                } else {
                    break;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed = true;
        }
    }
}
