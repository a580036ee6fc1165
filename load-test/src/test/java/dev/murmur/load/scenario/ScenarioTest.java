package dev.murmur.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.typesafe.config.ConfigFactory;
import dev.murmur.load.client.ClientOptions;
import dev.murmur.load.client.TransportOptions;
import dev.murmur.load.report.RunReport;
import dev.murmur.load.verify.QosVerdict;
import dev.murmur.node.MurmurNode;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every scenario, briefly, against an in-process Murmur node (test scope only: the tool itself
 * talks to brokers over sockets). Each run must pass the verifier: no loss at QoS 1, no
 * duplicates at QoS 2, the expected fan-out, and every connection up.
 */
class ScenarioTest {
    private static MurmurNode node;

    @BeforeAll
    static void startNode() {
        node = MurmurNode.start(ConfigFactory.parseString("""
                murmur.node-name = "load-test"
                murmur.listeners = [{ name = "test", kind = "tcp", host = "127.0.0.1", port = 0 }]
                murmur.sys.enabled = off
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                pekko.loglevel = "WARNING"
                murmur.admin.port = 0
                # a journal of this run only: persistent sessions of earlier runs must not come back
                murmur.persistence.h2.path = "target/test-data/%s/murmur"
                """.formatted(java.util.UUID.randomUUID())));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static RunConfig config(String scenario, MqttVersion version, List<QoS> qos, int publishers,
                                    int subscribers, int groups, int topics, int connections, double rate) {
        TransportOptions transport = new TransportOptions("127.0.0.1", node.mqttPort(), 2, "auto", null, null, 0,
                Duration.ofSeconds(5));
        ClientOptions client = new ClientOptions(version, 30, true, 0, 32, 1 << 20, Duration.ofSeconds(10), null, null);
        return new RunConfig(scenario, transport, client, qos, 64, rate, Duration.ofMillis(200),
                Duration.ofMillis(1000), Duration.ofSeconds(10), 1_000_000, 500, 100, publishers, subscribers, groups,
                topics, connections, "murmur-load-test/" + scenario, "lt-" + scenario + "-", Duration.ofMillis(500),
                Duration.ofMillis(200), null, false);
    }

    private static RunReport run(RunConfig c) {
        return run(c, FaultSchedule.NONE);
    }

    private static RunReport run(RunConfig c, FaultSchedule faults) {
        RunReport r = new ScenarioRunner(c, faults, null).run(Scenario.named(c.scenario()));
        assertThat(r.errors()).as(c.scenario() + " errors").isEmpty();
        assertThat(r.verdict().failures()).as(c.scenario() + " failures").isEmpty();
        assertThat(r.connections().failed()).isZero();
        assertThat(r.passed()).isTrue();
        return r;
    }

    private static void assertDelivered(QosVerdict v, double fanOut) {
        assertThat(v.sent()).isPositive();
        assertThat(v.lost()).as("lost at QoS " + v.qos()).isZero();
        assertThat(v.expectedFanOut()).isEqualTo(fanOut);
        assertThat(v.actualFanOut()).isEqualTo(fanOut);
        assertThat(v.delivered()).isEqualTo(v.expectedDeliveries());
        assertThat(v.latency().count()).isPositive();
    }

    @Test
    void fanInDeliversEveryMessageToTheWildcardSubscriber() {
        RunReport r = run(config("fan-in", MqttVersion.V5, List.of(QoS.AT_LEAST_ONCE), 5, 1, 1, 1, 0, 200));
        assertDelivered(r.verdict().qos(1), 1.0);
        assertThat(r.verdict().qos(1).outOfOrder()).isZero();
    }

    @Test
    void fanOutReachesEverySubscriberExactlyOnceAtQos2() {
        RunReport r = run(config("fan-out", MqttVersion.V3_1_1, List.of(QoS.EXACTLY_ONCE), 1, 10, 1, 1, 0, 100));
        QosVerdict v = r.verdict().qos(2);
        assertDelivered(v, 10.0);
        assertThat(v.duplicated()).isZero();
    }

    @Test
    void pairsKeepEachConversationPrivateAtEveryQos() {
        RunReport r = run(config("pairs", MqttVersion.V5, List.of(QoS.AT_MOST_ONCE, QoS.AT_LEAST_ONCE,
                QoS.EXACTLY_ONCE), 6, 6, 1, 1, 0, 100));
        assertThat(r.verdict().unexpected()).isZero();
        assertDelivered(r.verdict().qos(1), 1.0);
        assertDelivered(r.verdict().qos(2), 1.0);
        assertThat(r.verdict().qos(2).duplicated()).isZero();
    }

    @Test
    void sharedGroupsEachGetEveryMessageOnce() {
        RunConfig c = config("shared", MqttVersion.V5, List.of(QoS.AT_LEAST_ONCE), 4, 6, 2, 1, 0, 100);
        RunReport r = new ScenarioRunner(c, FaultSchedule.NONE, null).run(Scenario.named("shared"));
        // Runs as soon as the node grants $share subscriptions; until then the refusal is the answer.
        assumeFalse(r.errors().stream().anyMatch(e -> e.contains("Shared Subscriptions not supported")),
                "the node does not support shared subscriptions yet");
        assertThat(r.errors()).isEmpty();
        assertThat(r.passed()).isTrue();
        assertDelivered(r.verdict().qos(1), 2.0);
    }

    @Test
    void retainedMessagesReachEveryNewSubscription() {
        RunReport r = run(config("retained", MqttVersion.V5, List.of(QoS.AT_LEAST_ONCE), 2, 3, 1, 10, 0, 5));
        assertDelivered(r.verdict().qos(1), 3.0);
    }

    @Test
    void persistentSessionsGetWhatWasPublishedWhileTheyWereAway() {
        RunReport r = run(config("persistent", MqttVersion.V5, List.of(QoS.AT_LEAST_ONCE), 2, 3, 1, 1, 0, 100));
        assertDelivered(r.verdict().qos(1), 3.0);
        assertThat(r.connections().connected()).as("subscribers reconnected").isGreaterThan(5);
    }

    @Test
    void connectionsAreOpenedHeldAndCounted() {
        RunReport r = run(config("connections", MqttVersion.V3_1_1, List.of(QoS.AT_MOST_ONCE), 0, 0, 1, 1, 200, 0));
        assertThat(r.connections().connected()).isEqualTo(200);
        assertThat(r.connections().peakOpen()).isEqualTo(200);
        assertThat(r.connections().dropped()).isZero();
    }

    @Test
    void theFaultScheduleIsCalledAroundTrafficAndItsNotesReachTheReport() {
        AtomicInteger before = new AtomicInteger();
        AtomicInteger during = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        FaultSchedule faults = new FaultSchedule() {
            @Override
            public void before(FaultContext ctx) {
                before.incrementAndGet();
                assertThat(ctx.clients()).hasSize(4);
            }

            @Override
            public void during(FaultContext ctx, Duration elapsed) {
                if (during.getAndIncrement() == 0) {
                    ctx.note("fault: nothing really");
                }
            }

            @Override
            public void after(FaultContext ctx) {
                after.incrementAndGet();
            }
        };
        RunReport r = run(config("pairs", MqttVersion.V5, List.of(QoS.AT_LEAST_ONCE), 2, 2, 1, 1, 0, 50), faults);
        assertThat(before).hasValue(1);
        assertThat(during.get()).isPositive();
        assertThat(after).hasValue(1);
        assertThat(r.events()).anyMatch(e -> e.what().equals("fault: nothing really"));
    }
}
