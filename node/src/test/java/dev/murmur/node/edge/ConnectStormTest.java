package dev.murmur.node.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.codec.MqttEncoder;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.property.Properties;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A reconnect storm: 5 000 sockets at ten times the listener's accept rate. The node accepts
 * about the configured rate (plus its burst), closes the rest at once, never holds more than it
 * accepted, and serves a normal client afterwards.
 */
class ConnectStormTest {
    private static final int SOCKETS = 5_000;
    private static final int RATE = 80;
    private static final int BURST = 10;
    private static final int STORM_RATE = RATE * 10;
    private static final int CLIENT_THREADS = 2;

    @Test
    void stormAtTenTimesTheRateIsAdmittedAtTheRate() throws Exception {
        try (MurmurNode node = TestNode.start("murmur.listeners = [{ name = storm, kind = tcp, host = \"127.0.0.1\","
                + " port = 0, connection-rate = " + RATE + ", connection-burst = " + BURST + " }]\n"
                + "murmur.mqtt.connect-timeout = 30s")) {
            int port = node.mqttPort();
            List<Socket> sockets = java.util.Collections.synchronizedList(new ArrayList<>(SOCKETS));
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            long start = System.nanoTime();
            long gapNanos = TimeUnit.SECONDS.toNanos(1) * CLIENT_THREADS / STORM_RATE;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < CLIENT_THREADS; t++) {
                int first = t;
                Thread thread = new Thread(() -> {
                    for (int i = first, n = 0; i < SOCKETS; i += CLIENT_THREADS, n++) {
                        LockSupport.parkNanos(start + n * gapNanos - System.nanoTime());
                        try {
                            Socket s = new Socket();
                            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                            s.getOutputStream().write(connectBytes(i));
                            sockets.add(s);
                        } catch (IOException refusedOrReset) {
                            failed.incrementAndGet(); // closed by the node before we could write: refused
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                t.join();
            }
            int failedToConnect = failed.get();
            double stormSeconds = (System.nanoTime() - start) / 1e9;
            int accepted = 0;
            for (Socket s : sockets) {
                if (connAckOk(s)) {
                    accepted++;
                }
            }
            long live = node.metrics().connectionsCurrent().get();
            for (Socket s : sockets) {
                s.close();
            }
            double allowed = BURST + RATE * stormSeconds;
            System.out.printf("ConnectStormTest sockets=%d storm_seconds=%.2f accepted=%d allowed=%.0f refused_by_rate=%d"
                    + " failed_to_connect=%d%n", SOCKETS, stormSeconds, accepted, allowed,
                    node.metrics().get(Counter.CONNECTIONS_REFUSED_RATE), failedToConnect);
            // The storm ran at several times the rate (10x asked; a loaded 2-core machine may lag) and
            // admission followed the bucket, measured against the storm's real duration.
            assertThat(SOCKETS / stormSeconds).isGreaterThan(RATE * 5.0);
            assertThat(accepted).isLessThanOrEqualTo((int) (allowed * 1.1) + 10);
            assertThat(accepted).isGreaterThanOrEqualTo((int) (allowed * 0.5));
            assertThat(live).isLessThanOrEqualTo(accepted);
            assertThat(node.metrics().get(Counter.CONNECTIONS_REFUSED_RATE) + accepted).isGreaterThanOrEqualTo(SOCKETS - 10);

            // Healthy afterwards: a normal client connects, subscribes and receives.
            Thread.sleep(1_000 * BURST / RATE + 100); // let the bucket refill for one client
            Mqtt5BlockingClient c = Clients.v5(port, Clients.id("after-storm"));
            c.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes got = c.publishes(MqttGlobalPublishFilter.ALL)) {
                c.subscribeWith().topicFilter("after/storm").send();
                c.publishWith().topic("after/storm").payload(new byte[] {1}).send();
                assertThat(got.receive(5, TimeUnit.SECONDS)).isPresent();
            }
            c.disconnect();
        }
    }

    private static byte[] connectBytes(int i) {
        ByteBuffer b = MqttEncoder.encode(new Connect(MqttVersion.V3_1_1, "storm-" + i, true, 60, null, null, null,
                Properties.EMPTY), MqttVersion.V3_1_1);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static boolean connAckOk(Socket s) {
        try {
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            byte[] ack = in.readNBytes(4);
            return ack.length == 4 && ack[0] == 0x20 && ack[3] == 0;
        } catch (IOException closed) {
            return false;
        }
    }
}
