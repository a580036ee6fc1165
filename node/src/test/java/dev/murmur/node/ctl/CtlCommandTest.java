package dev.murmur.node.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.Main;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.auth.PasswordHasher;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.TestNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `murmur ctl` against a running node: tables for people, --json for scripts, exit codes for errors. */
class CtlCommandTest {
    private static MurmurNode node;
    private static String url;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        url = "http://127.0.0.1:" + node.adminPort();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Exit code, standard output and standard error of one `murmur ctl ...` run. */
    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run ctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 3];
        full[0] = "ctl";
        full[1] = "--url";
        full[2] = url;
        System.arraycopy(args, 0, full, 3, args.length);
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(full);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void statusPrintsAnAlignedTable() {
        Run r = ctl("status");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("FIELD", "VALUE", "node", "test", "connections", "messages dropped");
        String[] lines = r.out().split("\n");
        int valueColumn = lines[0].indexOf("VALUE");
        assertThat(lines).filteredOn(l -> l.startsWith("version")).allSatisfy(l ->
                assertThat(l.charAt(valueColumn - 1)).isEqualTo(' ')); // columns line up under the header
    }

    @Test
    void clientsClientAndKick() throws Exception {
        String prefix = Clients.id("ctl");
        Mqtt5BlockingClient a = Clients.v5(node.mqttPort(), prefix + "-a");
        Mqtt5BlockingClient b = Clients.v5(node.mqttPort(), prefix + "-b");
        a.connect();
        b.connect();
        a.subscribeWith().topicFilter(prefix + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
        try {
            Run list = ctl("clients", "--prefix", prefix);
            assertThat(list.exit()).as(list.err()).isZero();
            assertThat(list.out()).contains("CLIENT ID", prefix + "-a", prefix + "-b", "2 of 2 client(s)");

            Run json = ctl("clients", "--prefix", prefix, "--json");
            assertThat(json.json().get("total").asInt()).isEqualTo(2);

            Run paged = ctl("clients", "--prefix", prefix, "--limit", "1");
            assertThat(paged.out()).contains("1 of 2 client(s); next page: --after " + prefix + "-a");

            Run detail = ctl("client", prefix + "-a");
            assertThat(detail.exit()).isZero();
            assertThat(detail.out()).contains("connected", "yes", "FILTER", prefix + "/#");

            Run kick = ctl("kick", prefix + "-b");
            assertThat(kick.exit()).as(kick.err()).isZero();
            assertThat(kick.out()).contains("kicked " + prefix + "-b");
            await().atMost(Duration.ofSeconds(5)).until(() -> ctl("clients", "--prefix", prefix, "--json").json()
                    .get("total").asInt() == 1);

            Run missing = ctl("kick", prefix + "-nobody");
            assertThat(missing.exit()).isEqualTo(CtlException.FAILED);
            assertThat(missing.err()).contains("not connected", "404");
        } finally {
            a.disconnect();
        }
    }

    @Test
    void sessionsAndDeleteSession() {
        String id = Clients.id("ctlsess");
        Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), id);
        c.connectWith().cleanStart(false).sessionExpiryInterval(600).send();
        c.disconnect();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ctl("sessions", "--prefix", id).out()).contains(id, "no", "yes", "600"));
        assertThat(ctl("delete-session", id).out()).contains("deleted the session of " + id);
        assertThat(ctl("delete-session", id).exit()).isEqualTo(CtlException.FAILED);
    }

    @Test
    void publishRetainedAndSubscriptions() throws Exception {
        String topic = Clients.id("ctlpub") + "/door";
        Mqtt5BlockingClient sub = Clients.v5(node.mqttPort(), Clients.id("ctlsub"));
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes received = sub.publishes(MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
            assertThat(ctl("subscriptions", "--topic", topic).out()).contains(topic, "1 subscription(s)");
            Run pub = ctl("publish", topic, "open", "--qos", "1", "--retain");
            assertThat(pub.exit()).as(pub.err()).isZero();
            assertThat(pub.out()).contains("published to " + topic, "1 shard(s)");
            assertThat(new String(received.receive(5, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                    StandardCharsets.UTF_8)).isEqualTo("open");
        } finally {
            sub.disconnect();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(ctl("retained", topic).out()).contains(topic, "open", "1 of 1 retained message(s)"));
        assertThat(ctl("retained", topic, "--json").json().get("messages").get(0).get("payload").asText())
                .isEqualTo("open");
        assertThat(ctl("delete-retained", topic).exit()).isZero();
        assertThat(ctl("retained", topic).out()).contains("0 of 0");
        assertThat(ctl("publish", "bad/#", "x").exit()).isEqualTo(CtlException.FAILED);
    }

    @Test
    void clusterListenersAndLogLevels() throws Exception {
        Run cluster = ctl("cluster");
        assertThat(cluster.exit()).isZero();
        assertThat(cluster.out()).contains("NODE", "STATUS", "(self)", "up", "1 member(s), 0 unreachable");
        assertThat(ctl("listeners").out()).contains("NAME", "tcp", "127.0.0.1:" + node.mqttPort());
        assertThat(ctl("log-level", "dev.murmur.ctl.Probe", "debug").out()).contains("dev.murmur.ctl.Probe", "DEBUG");
        assertThat(ctl("log-level", "dev.murmur.ctl.Probe", "inherit", "--json").json().get("loggers").get(0)
                .get("level").isNull()).isTrue();
    }

    @Test
    void unreachableApiExitsWithItsOwnCode() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute("ctl", "--url", "http://127.0.0.1:1", "status");
        assertThat(exit).isEqualTo(CtlException.UNREACHABLE);
        assertThat(err.toString()).contains("cannot reach the admin API at http://127.0.0.1:1");
    }

    @Test
    void hashPrintsAHashTheAdminAuthAccepts() {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("t0ken\n".getBytes(StandardCharsets.UTF_8)));
            StringWriter out = new StringWriter();
            int exit = new CommandLine(new Main()).setOut(new PrintWriter(out))
                    .execute("ctl", "hash", "--stdin", "--iterations", "1000");
            assertThat(exit).isZero();
            String hash = out.toString().trim();
            assertThat(PasswordHasher.verify(hash, "t0ken".getBytes(StandardCharsets.UTF_8))).isTrue();
        } finally {
            System.setIn(stdin);
        }
    }
}
