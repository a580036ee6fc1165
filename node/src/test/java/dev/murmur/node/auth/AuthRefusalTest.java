package dev.murmur.node.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.RawClient;
import dev.murmur.node.support.TestNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PingReq;
import dev.murmur.protocol.packet.PingResp;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.property.Properties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every refusal of the built-in authenticator and ACL, with its reason code in v5 and its
 * return code in 3.1.1: bad credentials 0x86 / 0x04, not authorised or banned 0x87 / 0x05,
 * denied SUBSCRIBE 0x87 / 0x80, denied PUBLISH PUBACK 0x87 (v5) or dropped and counted.
 */
class AuthRefusalTest {
    @TempDir
    static Path dir;
    static MurmurNode node;

    @BeforeAll
    static void start() throws Exception {
        Path passwords = dir.resolve("passwd");
        Files.write(passwords, List.of(
                "alice:" + PasswordHasher.hash(bytes("wonderland"), 1_000),
                "mallory:" + PasswordHasher.hash(bytes("evil"), 1_000),
                "watch:" + PasswordHasher.hash(bytes("tower"), 1_000)));
        Path acl = dir.resolve("acl");
        Files.writeString(acl, """
                deny  connect user=mallory
                allow subscribe users/# user=watch
                allow all     users/%u/#
                allow all     public/#
                """);
        node = TestNode.start("murmur.auth { password-file = \"" + passwords + "\", acl-file = \"" + acl + "\" }\n"
                + "murmur.listeners = [{ name = strict, kind = tcp, host = \"127.0.0.1\", port = 0, allow-anonymous = off },"
                + "{ name = open, kind = tcp, host = \"127.0.0.1\", port = 0 }]");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isV5(MqttVersion v) {
        return v == MqttVersion.V5;
    }

    /** CONNECT and the CONNACK's code byte (the same position in 3.1.1 and 5.0). */
    private static int connack(String listener, MqttVersion v, String user, String password) throws Exception {
        try (RawClient c = new RawClient(TestNode.port(node, listener), v)) {
            c.send(new Connect(v, Clients.id("auth"), true, 30, user, password == null ? null : bytes(password), null,
                    Properties.EMPTY));
            byte[] answer = c.readUntilClosed(Duration.ofSeconds(5)); // refused: CONNACK, then close
            assertThat(answer).hasSizeGreaterThanOrEqualTo(4);
            assertThat(answer[0]).isEqualTo((byte) 0x20);
            return answer[3] & 0xFF;
        }
    }

    private static RawClient connected(String listener, MqttVersion v, String user, String password) throws Exception {
        RawClient c = new RawClient(TestNode.port(node, listener), v);
        c.send(new Connect(v, Clients.id("auth"), true, 30, user, password == null ? null : bytes(password), null,
                Properties.EMPTY));
        assertThat(c.read()).isInstanceOfSatisfying(ConnAck.class,
                a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.SUCCESS));
        return c;
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void wrongPasswordIsBadCredentials(MqttVersion v) throws Exception {
        long before = node.metrics().get(Counter.AUTH_FAILURES);
        assertThat(connack("strict", v, "alice", "looking-glass")).isEqualTo(isV5(v) ? 0x86 : 0x04);
        assertThat(connack("strict", v, "nobody", "x")).isEqualTo(isV5(v) ? 0x86 : 0x04);
        assertThat(connack("strict", v, "alice", null)).isEqualTo(isV5(v) ? 0x86 : 0x04);
        assertThat(node.metrics().get(Counter.AUTH_FAILURES)).isGreaterThanOrEqualTo(before + 3);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void anonymousIsNotAuthorisedWhereTheListenerForbidsIt(MqttVersion v) throws Exception {
        assertThat(connack("strict", v, null, null)).isEqualTo(isV5(v) ? 0x87 : 0x05);
        connected("open", v, null, null).close();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void bannedUserIsNotAuthorised(MqttVersion v) throws Exception {
        assertThat(connack("strict", v, "mallory", "evil")).isEqualTo(isV5(v) ? 0x87 : 0x05);
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void willOnAForbiddenTopicIsNotAuthorised(MqttVersion v) throws Exception {
        try (RawClient c = new RawClient(TestNode.port(node, "strict"), v)) {
            c.send(new Connect(v, Clients.id("will"), true, 30, "alice", bytes("wonderland"),
                    new dev.murmur.protocol.packet.Will("users/bob/last-words", new byte[] {1}, QoS.AT_MOST_ONCE, false,
                            Properties.EMPTY), Properties.EMPTY));
            assertThat(c.readUntilClosed(Duration.ofSeconds(5))[3] & 0xFF).isEqualTo(isV5(v) ? 0x87 : 0x05);
        }
        try (RawClient c = new RawClient(TestNode.port(node, "strict"), v)) {
            c.send(new Connect(v, Clients.id("will"), true, 30, "alice", bytes("wonderland"),
                    new dev.murmur.protocol.packet.Will("users/alice/last-words", new byte[] {1}, QoS.AT_MOST_ONCE, false,
                            Properties.EMPTY), Properties.EMPTY));
            assertThat(c.read()).isInstanceOf(ConnAck.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void rightPasswordConnects(MqttVersion v) throws Exception {
        connected("strict", v, "alice", "wonderland").close();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void deniedSubscriptionGetsItsOwnFailureCodeInOrder(MqttVersion v) throws Exception {
        try (RawClient c = connected("strict", v, "alice", "wonderland")) {
            c.send(new Subscribe(3, List.of(Subscription.of("users/alice/inbox", QoS.AT_LEAST_ONCE),
                    Subscription.of("users/bob/inbox", QoS.AT_LEAST_ONCE),
                    Subscription.of("public/news", QoS.AT_MOST_ONCE)), Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, s -> assertThat(s.reasonCodes()).extracting(ReasonCode::value)
                    .containsExactly(1, isV5(v) ? 0x87 : 0x80, 0)); // MQTT-3.9.3-1: one code per filter, in order
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void subscribeWhollyDeniedIsAnsweredWithoutTheSession(MqttVersion v) throws Exception {
        try (RawClient c = connected("strict", v, "alice", "wonderland")) {
            c.send(new Subscribe(4, List.of(Subscription.of("#", QoS.AT_MOST_ONCE)), Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(SubAck.class, s -> assertThat(s.reasonCodes())
                    .extracting(ReasonCode::value).containsExactly(isV5(v) ? 0x87 : 0x80));
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void deniedPublishIsRefusedOrDroppedAndCounted(MqttVersion v) throws Exception {
        try (RawClient watcher = connected("strict", MqttVersion.V5, "watch", "tower");
             RawClient c = connected("strict", v, "alice", "wonderland")) {
            // the watcher sees all of users/: a denied PUBLISH that got through would show up here
            watcher.send(new Subscribe(1, List.of(Subscription.of("users/#", QoS.AT_LEAST_ONCE)), Properties.EMPTY));
            assertThat(watcher.read()).isInstanceOf(SubAck.class);
            long before = node.metrics().get(Counter.PUBLISHES_DENIED);
            c.send(new Publish("users/bob/x", QoS.AT_MOST_ONCE, false, false, 0, new byte[] {1}, Properties.EMPTY));
            c.send(new Publish("users/bob/x", QoS.AT_LEAST_ONCE, false, false, 7, new byte[] {2}, Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(PubAck.class, a -> {
                assertThat(a.packetId()).isEqualTo(7);
                assertThat(a.reasonCode()).isEqualTo(isV5(v) ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS);
            });
            c.send(new Publish("users/bob/x", QoS.EXACTLY_ONCE, false, false, 8, new byte[] {3}, Properties.EMPTY));
            assertThat(c.read()).isInstanceOfSatisfying(PubRec.class,
                    r -> assertThat(r.reasonCode()).isEqualTo(isV5(v) ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS));
            assertThat(node.metrics().get(Counter.PUBLISHES_DENIED)).isEqualTo(before + 3);
            // an allowed publish still flows, and is the only thing the watcher sees
            c.send(new Publish("users/alice/ok", QoS.AT_MOST_ONCE, false, false, 0, new byte[] {9}, Properties.EMPTY));
            MqttPacket got = watcher.read();
            assertThat(got).isInstanceOfSatisfying(Publish.class, p -> assertThat(p.topic()).isEqualTo("users/alice/ok"));
            watcher.send(PingReq.INSTANCE);
            assertThat(watcher.read()).isInstanceOf(PingResp.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"V3_1_1", "V5"})
    void passwordFileChangesApplyWithoutRestart(MqttVersion v) throws Exception {
        Path passwords = node.settings().security().passwordFile();
        List<String> original = Files.readAllLines(passwords);
        try {
            Files.write(passwords, PasswordFile.withUser(original, "carol-" + v, PasswordHasher.hash(bytes("pw"), 1_000)));
            node.reload();
            connected("strict", v, "carol-" + v, "pw").close();
        } finally {
            Files.write(passwords, original);
            node.reload();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(connack("strict", v, "carol-" + v, "pw")).isEqualTo(isV5(v) ? 0x86 : 0x04));
    }
}
