package dev.murmur.node.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientConfig;
import com.hivemq.client.mqtt.mqtt5.auth.Mqtt5EnhancedAuthMechanism;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5Auth;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5AuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5EnhancedAuthBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5Disconnect;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.auth.ScramSha256Authenticator;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.ScramClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.Auth;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.property.Properties;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enhanced authentication (MQTT 5.0 4.12) with SCRAM-SHA-256 through the Authenticator SPI:
 * the CONNECT / AUTH / CONNACK exchange with the HiveMQ client's mechanism API, re-authentication
 * (4.12.1), and the protocol errors only a raw client can commit.
 */
class EnhancedAuthTest {
    private static MurmurNode node;
    private static int port;

    @BeforeAll
    static void start() {
        node = TestNode.start("""
                murmur.mqtt5.enhanced-auth.scram-sha-256.users = [
                  { username = "alice", password = "wonderland" }
                ]
                """);
        port = node.mqttPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** SCRAM-SHA-256 for the HiveMQ client; re-authentication uses {@code reauthPassword}. */
    private static final class Scram implements Mqtt5EnhancedAuthMechanism {
        private final String user;
        private final String password;
        private final String reauthPassword;
        private ScramClient scram;
        final AtomicInteger serverProofs = new AtomicInteger();

        Scram(String user, String password, String reauthPassword) {
            this.user = user;
            this.password = password;
            this.reauthPassword = reauthPassword;
        }

        @Override
        public MqttUtf8String getMethod() {
            return MqttUtf8String.of(ScramSha256Authenticator.METHOD);
        }

        @Override
        public int getTimeout() {
            return 10;
        }

        @Override
        public CompletableFuture<Void> onAuth(Mqtt5ClientConfig config, Mqtt5Connect connect,
                                              Mqtt5EnhancedAuthBuilder auth) {
            scram = new ScramClient(user, password);
            auth.data(scram.clientFirst());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> onReAuth(Mqtt5ClientConfig config, Mqtt5AuthBuilder auth) {
            scram = new ScramClient(user, reauthPassword);
            auth.data(scram.clientFirst());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Boolean> onContinue(Mqtt5ClientConfig config, Mqtt5Auth auth,
                                                     Mqtt5AuthBuilder authBuilder) {
            assertThat(auth.getMethod().toString()).isEqualTo(ScramSha256Authenticator.METHOD); // MQTT-4.12.0-5
            try {
                authBuilder.data(scram.clientFinal(bytes(auth.getData().orElseThrow())));
                return CompletableFuture.completedFuture(true);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public CompletableFuture<Boolean> onAuthSuccess(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
            return verified(connAck.getEnhancedAuth().orElseThrow().getData().orElseThrow());
        }

        @Override
        public CompletableFuture<Boolean> onReAuthSuccess(Mqtt5ClientConfig config, Mqtt5Auth auth) {
            return verified(auth.getData().orElseThrow());
        }

        private CompletableFuture<Boolean> verified(ByteBuffer serverFinal) {
            try {
                boolean ok = scram.serverIsAuthentic(bytes(serverFinal));
                if (ok) {
                    serverProofs.incrementAndGet();
                }
                return CompletableFuture.completedFuture(ok);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        @Override
        public void onAuthRejected(Mqtt5ClientConfig config, Mqtt5ConnAck connAck) {
        }

        @Override
        public void onReAuthRejected(Mqtt5ClientConfig config, Mqtt5Disconnect disconnect) {
        }

        @Override
        public void onAuthError(Mqtt5ClientConfig config, Throwable cause) {
        }

        @Override
        public void onReAuthError(Mqtt5ClientConfig config, Throwable cause) {
        }

        private static byte[] bytes(ByteBuffer b) {
            byte[] out = new byte[b.remaining()];
            b.duplicate().get(out);
            return out;
        }
    }

    @Test
    void scramExchangeAuthenticatesAndTheConnAckCarriesTheServerProof() {
        Scram scram = new Scram("alice", "wonderland", "wonderland");
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("scram"));
        Mqtt5ConnAck ack = c.connectWith().enhancedAuth(scram).send();
        assertThat(ack.getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(ack.getEnhancedAuth().orElseThrow().getMethod().toString())
                .isEqualTo(ScramSha256Authenticator.METHOD); // MQTT-4.12.0-5
        assertThat(scram.serverProofs).hasValue(1);
        c.disconnect();
    }

    @Test
    void wrongPasswordIsRefusedWith0x87() {
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("scram"));
        assertThatThrownBy(() -> c.connectWith().enhancedAuth(new Scram("alice", "guess", "guess")).send())
                .isInstanceOfSatisfying(Mqtt5ConnAckException.class, e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED)); // MQTT-4.12.0-4, MQTT-3.1.4-2
    }

    @Test
    void reAuthenticationSucceedsOnAnOpenConnection() {
        Scram scram = new Scram("alice", "wonderland", "wonderland");
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("reauth"));
        c.connectWith().enhancedAuth(scram).send();
        c.reauth(); // AUTH 0x19 ... AUTH 0x18 ... AUTH 0x00 (4.12.1)
        assertThat(scram.serverProofs).hasValue(2);
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }

    @Test
    void failedReAuthenticationDisconnects() throws Exception {
        Scram scram = new Scram("alice", "wonderland", "forgotten");
        Mqtt5BlockingClient c = Clients.v5(port, Clients.id("reauth"));
        c.connectWith().enhancedAuth(scram).send();
        assertThatThrownBy(c::reauth).isInstanceOf(RuntimeException.class); // MQTT-4.12.1-2
        org.awaitility.Awaitility.await().until(() -> !c.getState().isConnected());
    }

    @Test
    void unknownMethodIsRefusedWith0x8C() throws Exception {
        try (RawClient raw = new RawClient(port, MqttVersion.V5)) {
            raw.send(RawClient.connectV5(Clients.id("m"), Properties.builder().authenticationMethod("KERBEROS").build()));
            assertThat(raw.expect(ConnAck.class).reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD);
            assertThat(raw.isClosedByServer()).isTrue(); // MQTT-4.12.0-1
        }
    }

    @Test
    void onlyAuthOrDisconnectBeforeConnAck() throws Exception {
        RawClient raw = new RawClient(port, MqttVersion.V5);
        ScramClient scram = new ScramClient("alice", "wonderland");
        raw.send(RawClient.connectV5(Clients.id("m"), Properties.builder()
                .authenticationMethod(ScramSha256Authenticator.METHOD).authenticationData(scram.clientFirst()).build()));
        Auth challenge = raw.expect(Auth.class);
        assertThat(challenge.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION); // MQTT-4.12.0-2
        raw.send(new Publish("x", QoS.AT_MOST_ONCE, false, false, 0, new byte[] {1}, Properties.EMPTY));
        // MQTT-3.1.2-30: a client authenticating must send nothing but AUTH or DISCONNECT before CONNACK;
        // MQTT-3.14.0-1: before a successful CONNACK the server refuses with a CONNACK, not a DISCONNECT
        ConnAck refused = raw.expect(ConnAck.class);
        assertThat(refused.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        assertThat(refused.sessionPresent()).isFalse();
        assertThat(raw.isClosedByServer()).isTrue();
        raw.close();
    }

    @Test
    void rawExchangeEndsInAConnAckWithMethodAndProof() throws Exception {
        try (RawClient raw = new RawClient(port, MqttVersion.V5)) {
            ScramClient scram = new ScramClient("alice", "wonderland");
            raw.send(RawClient.connectV5(Clients.id("m"), Properties.builder()
                    .authenticationMethod(ScramSha256Authenticator.METHOD).authenticationData(scram.clientFirst())
                    .build()));
            Auth challenge = raw.expect(Auth.class);
            assertThat(challenge.properties().authenticationMethod()).isEqualTo(ScramSha256Authenticator.METHOD);
            assertThat(challenge.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION); // MQTT-3.15.2-1
            // MQTT-3.2.0-1: AUTH is the one packet allowed before the CONNACK
            raw.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, Properties.builder() // MQTT-4.12.0-3
                    .authenticationMethod(ScramSha256Authenticator.METHOD)
                    .authenticationData(scram.clientFinal(challenge.properties().authenticationData())).build()));
            ConnAck ack = raw.expect(ConnAck.class);
            assertThat(ack.reasonCode()).isEqualTo(ReasonCode.SUCCESS);
            assertThat(ack.properties().authenticationMethod()).isEqualTo(ScramSha256Authenticator.METHOD);
            assertThat(scram.serverIsAuthentic(ack.properties().authenticationData())).isTrue();
            raw.send(PingReq.INSTANCE);
            assertThat(raw.read()).isEqualTo(PingResp.INSTANCE);
        }
    }

    @Test
    void authWithoutAMethodInConnectIsAProtocolError() throws Exception {
        RawClient raw = new RawClient(port, MqttVersion.V5);
        raw.send(RawClient.connectV5(Clients.id("m"), Properties.EMPTY));
        ConnAck ack = raw.expect(ConnAck.class);
        assertThat(ack.properties().authenticationMethod()).isNull(); // MQTT-4.12.0-6
        raw.send(new Auth(ReasonCode.RE_AUTHENTICATE, Properties.builder().authenticationMethod("X").build()));
        // MQTT-4.12.0-7: without a method in CONNECT the client must not send AUTH
        assertThat(raw.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR);
        raw.close();
    }

    @Test
    void reAuthenticationWithAnotherMethodIsAProtocolError() throws Exception {
        RawClient raw = new RawClient(port, MqttVersion.V5);
        ScramClient scram = new ScramClient("alice", "wonderland");
        raw.send(RawClient.connectV5(Clients.id("m"), Properties.builder()
                .authenticationMethod(ScramSha256Authenticator.METHOD).authenticationData(scram.clientFirst()).build()));
        Auth challenge = raw.expect(Auth.class);
        raw.send(new Auth(ReasonCode.CONTINUE_AUTHENTICATION, Properties.builder()
                .authenticationMethod(ScramSha256Authenticator.METHOD)
                .authenticationData(scram.clientFinal(challenge.properties().authenticationData())).build()));
        raw.expect(ConnAck.class);
        raw.send(new Auth(ReasonCode.RE_AUTHENTICATE, Properties.builder().authenticationMethod("OTHER").build()));
        assertThat(raw.expect(Disconnect.class).reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR); // MQTT-4.12.1-1
        raw.close();
    }
}
