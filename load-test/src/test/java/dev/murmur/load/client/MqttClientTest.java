package dev.murmur.load.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client engine against a scripted fake broker: CONNECT, keep-alive, QoS flows, session resume. */
class MqttClientTest {
    private final ScriptedBroker broker = new ScriptedBroker(MqttVersion.V5);
    private final ClientEngine engine = new ClientEngine(new TransportOptions("127.0.0.1", broker.port(), 1, "auto",
            null, null, 0, Duration.ofSeconds(5)), 1);
    private final List<Publish> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> accepted = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        engine.close();
        broker.close();
    }

    private static ClientOptions options(int keepAlive, boolean clean, long expiry, int inflight) {
        return new ClientOptions(MqttVersion.V5, keepAlive, clean, expiry, inflight, 1 << 20, Duration.ofSeconds(5),
                null, null);
    }

    private MqttClient client(ClientOptions o) {
        return engine.client("c1", o, (c, p, now) -> delivered.add(p));
    }

    private ConnAck connect(MqttClient c, boolean sessionPresent) throws Exception {
        CompletableFuture<ConnAck> f = c.connect();
        Connect connect = broker.next(Connect.class);
        assertThat(connect.clientId()).isEqualTo("c1");
        broker.send(new ConnAck(sessionPresent, ReasonCode.SUCCESS, Properties.EMPTY));
        return f.get(5, TimeUnit.SECONDS);
    }

    /** Runs {@code r} on the client's event loop and waits, as the pacer would publish. */
    private static void onLoop(MqttClient c, Runnable r) throws Exception {
        c.eventLoop().submit(r).get(5, TimeUnit.SECONDS);
    }

    private final PublishListener ledger = new PublishListener() {
        @Override
        public void accepted(long token) {
            accepted.add(token);
        }
    };

    @Test
    void sendsConnectFieldsAndPingsWithinTheKeepAlive() throws Exception {
        MqttClient c = client(options(1, false, 30, 8));
        CompletableFuture<ConnAck> f = c.connect();
        Connect connect = broker.next(Connect.class);
        assertThat(connect.keepAliveSeconds()).isEqualTo(1);
        assertThat(connect.cleanStart()).isFalse();
        assertThat(connect.properties().sessionExpiryInterval()).isEqualTo(30L);
        broker.send(new ConnAck(false, ReasonCode.SUCCESS, Properties.EMPTY));
        f.get(5, TimeUnit.SECONDS);
        // MQTT-3.1.2-23: the client must send a packet within the keep-alive; idle, that is PINGREQ.
        assertThat(broker.next()).isInstanceOf(PingReq.class);
        broker.send(PingResp.INSTANCE);
        assertThat(c.isConnected()).isTrue();
        assertThat(engine.stats().connected()).isEqualTo(1);
    }

    @Test
    void refusedConnackFailsTheConnectWithItsReasonCode() throws Exception {
        MqttClient c = client(options(60, true, 0, 8));
        CompletableFuture<ConnAck> f = c.connect();
        broker.next(Connect.class);
        broker.send(new ConnAck(false, ReasonCode.NOT_AUTHORIZED, Properties.EMPTY));
        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(engine.stats().failuresByCause()).containsKey("CONNACK 0x87 Not authorized");
    }

    @Test
    void qos1PublishesRespectTheWindowAndReportAcceptance() throws Exception {
        MqttClient c = client(options(60, true, 0, 2));
        connect(c, false);
        onLoop(c, () -> {
            assertThat(c.canPublish(QoS.AT_LEAST_ONCE)).isTrue();
            c.publish("t", QoS.AT_LEAST_ONCE, false, new byte[] {1}, ledger, 10);
            c.publish("t", QoS.AT_LEAST_ONCE, false, new byte[] {2}, ledger, 11);
            c.flush();
            assertThat(c.canPublish(QoS.AT_LEAST_ONCE)).as("window of 2 is full").isFalse();
            assertThat(c.canPublish(QoS.AT_MOST_ONCE)).as("QoS 0 needs no window").isTrue();
        });
        Publish first = broker.next(Publish.class);
        Publish second = broker.next(Publish.class);
        assertThat(first.packetId()).isNotZero().isNotEqualTo(second.packetId());
        broker.send(PubAck.of(second.packetId()), PubAck.of(first.packetId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.size() == 2);
        assertThat(accepted).containsExactlyInAnyOrder(10L, 11L);
        assertThat(c.inflight()).isZero();
    }

    @Test
    void qos2OutboundFlowSendsPubrelAfterPubrec() throws Exception {
        MqttClient c = client(options(60, true, 0, 4));
        connect(c, false);
        onLoop(c, () -> {
            c.publish("t", QoS.EXACTLY_ONCE, false, new byte[] {1}, ledger, 5);
            c.flush();
        });
        Publish p = broker.next(Publish.class);
        broker.send(PubRec.of(p.packetId()));
        assertThat(broker.next(PubRel.class).packetId()).isEqualTo(p.packetId());
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.equals(List.of(5L)));
        assertThat(c.inflight()).as("awaiting PUBCOMP").isEqualTo(1);
        broker.send(PubComp.of(p.packetId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> c.inflight() == 0);
    }

    @Test
    void aRetransmittedQos2PublishIsDeliveredOnce() throws Exception {
        MqttClient c = client(options(60, true, 0, 4));
        connect(c, false);
        Publish p = new Publish("t", QoS.EXACTLY_ONCE, false, false, 7, new byte[] {42}, Properties.EMPTY);
        Publish again = new Publish("t", QoS.EXACTLY_ONCE, false, true, 7, new byte[] {42}, Properties.EMPTY);
        broker.send(p, again);
        assertThat(broker.next(PubRec.class).packetId()).isEqualTo(7);
        assertThat(broker.next(PubRec.class).packetId()).as("MQTT-4.3.3-9: PUBREC again").isEqualTo(7);
        broker.send(PubRel.of(7));
        assertThat(broker.next(PubComp.class).packetId()).isEqualTo(7);
        // After PUBREL the id is free: a new message with id 7 is a new message.
        broker.send(new Publish("t", QoS.EXACTLY_ONCE, false, false, 7, new byte[] {43}, Properties.EMPTY));
        broker.next(PubRec.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
        assertThat(delivered).extracting(d -> d.payload()[0]).containsExactly((byte) 42, (byte) 43);
    }

    @Test
    void aResumedSessionResendsUnacknowledgedPublishesWithDup() throws Exception {
        MqttClient c = client(options(60, false, 60, 4));
        connect(c, false);
        onLoop(c, () -> {
            c.publish("t", QoS.AT_LEAST_ONCE, false, new byte[] {9}, ledger, 1);
            c.flush();
        });
        Publish original = broker.next(Publish.class);
        assertThat(original.dup()).isFalse();
        c.drop().get(5, TimeUnit.SECONDS);
        connect(c, true);
        // MQTT-4.4.0-1: unacknowledged PUBLISH packets are sent again, with DUP set.
        Publish resent = broker.next(Publish.class);
        assertThat(resent.packetId()).isEqualTo(original.packetId());
        assertThat(resent.dup()).isTrue();
        broker.send(PubAck.of(resent.packetId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> accepted.equals(List.of(1L)));
    }

    @Test
    void aClientCutOffFromOneNodeResumesItsSessionOnAnotherAddress() throws Exception {
        try (ScriptedBroker other = new ScriptedBroker(MqttVersion.V5)) {
            MqttClient c = client(options(60, false, 60, 4));
            connect(c, false);
            onLoop(c, () -> {
                c.publish("t", QoS.EXACTLY_ONCE, false, new byte[] {7}, ledger, 5);
                c.flush();
            });
            Publish original = broker.next(Publish.class);
            broker.closeClient();
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.isConnected());

            // The cluster case: same client id, the next node's address.
            c.target(new java.net.InetSocketAddress("127.0.0.1", other.port()));
            CompletableFuture<ConnAck> f = c.connect();
            Connect again = other.next(Connect.class);
            assertThat(again.clientId()).isEqualTo("c1");
            assertThat(again.cleanStart()).isFalse();
            other.send(new ConnAck(true, ReasonCode.SUCCESS, Properties.EMPTY));
            assertThat(f.get(5, TimeUnit.SECONDS).sessionPresent()).isTrue();
            // MQTT-4.4.0-1 on the new node: the unacknowledged QoS 2 PUBLISH again, same id, DUP set.
            Publish resent = other.next(Publish.class);
            assertThat(resent.packetId()).isEqualTo(original.packetId());
            assertThat(resent.dup()).isTrue();
            assertThat(broker.drained()).noneMatch(p -> p instanceof Publish);
        }
    }

    @Test
    void aBrokerThatClosesTheSocketIsCountedAsADrop() throws Exception {
        MqttClient c = client(options(60, true, 0, 4));
        connect(c, false);
        broker.closeClient();
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.stats().dropped() == 1);
        assertThat(c.isConnected()).isFalse();
        assertThat(engine.stats().open()).isZero();
    }
}
