package dev.murmur.node.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.support.Clients;
import dev.murmur.node.support.JournalDatabases;
import dev.murmur.node.support.PersistentSubscriber;
import dev.murmur.node.support.TestNode;
import dev.murmur.persistence.journal.JournalDialect;
import dev.murmur.persistence.journal.JournalTarget;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Persistent sessions on both journals: survive a restart, and leave no rows behind when they end. */
class PersistentSessionTest {

    private static JournalTarget journal(JournalDialect dialect) {
        return dialect == JournalDialect.H2 ? JournalTarget.h2(TestNode.freshJournalPath(), 4)
                : JournalDatabases.postgres();
    }

    private static MurmurNode start(JournalTarget target) {
        return TestNode.start(JournalDatabases.config(target) + "murmur.persistence.snapshot-every = 20\n");
    }

    @ParameterizedTest
    @EnumSource(JournalDialect.class)
    void queuedMessagesSurviveARestart(JournalDialect dialect) throws Exception {
        JournalTarget target = journal(dialect);
        PersistentSubscriber sub = new PersistentSubscriber(Clients.id("pg-sub"), false, 1);
        String topic = Clients.id("survive") + "/t";
        MurmurNode first = start(target);
        try {
            sub.connect(first.mqttPort());
            sub.subscribe(topic);
            sub.disconnect();
            Mqtt5BlockingClient pub = Clients.v5(first.mqttPort(), Clients.id("pub"));
            pub.connect();
            for (int i = 0; i < 500; i++) {
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(PersistentSubscriber.payload(i))
                        .send();
            }
            pub.disconnect();
        } finally {
            first.close();
        }
        MurmurNode second = start(target);
        try {
            assertThat(sub.connect(second.mqttPort())).isTrue(); // MQTT-3.2.2-2: session present
            await().atMost(Duration.ofSeconds(60)).until(() -> sub.distinctCount() >= 500);
            assertThat(sub.distinctInOrder()).isEqualTo(IntStream.range(0, 500).boxed().toList());
            sub.disconnect();
        } finally {
            second.close();
        }
    }

    @ParameterizedTest
    @EnumSource(JournalDialect.class)
    void sessionExpiryDeletesTheJournalRowsAndSnapshots(JournalDialect dialect) throws Exception {
        JournalTarget target = journal(dialect);
        MurmurNode node = start(target);
        try {
            String id = Clients.id("expiring");
            String persistenceId = "session|" + id;
            Mqtt5BlockingClient c = Clients.v5(node.mqttPort(), id);
            AtomicInteger received = new AtomicInteger();
            c.toAsync().publishes(MqttGlobalPublishFilter.ALL, p -> received.incrementAndGet());
            c.connectWith().cleanStart(false).sessionExpiryInterval(2).send();
            c.subscribeWith().topicFilter(id + "/#").qos(MqttQos.AT_LEAST_ONCE).send();
            for (int i = 0; i < 50; i++) {
                c.publishWith().topic(id + "/x").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[] {1}).send();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> received.get() >= 50);
            assertThat(JournalDatabases.eventRows(target, persistenceId)).isPositive();
            assertThat(JournalDatabases.snapshotRows(target, persistenceId)).isPositive();

            c.disconnect(); // MQTT-3.1.2-23: the session lives on for its expiry interval, then goes
            await().atMost(Duration.ofSeconds(20)).until(() -> JournalDatabases.eventRows(target, persistenceId) == 0
                    && JournalDatabases.snapshotRows(target, persistenceId) == 0);

            Mqtt5BlockingClient again = Clients.v5(node.mqttPort(), id);
            assertThat(again.connectWith().cleanStart(false).sessionExpiryInterval(2).send().isSessionPresent())
                    .isFalse();
            again.disconnect();
        } finally {
            node.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = JournalDialect.class, names = "H2")
    void aPersistentSessionReconnectingCleanLeavesNoJournal(JournalDialect dialect) throws Exception {
        JournalTarget target = journal(dialect);
        MurmurNode node = start(target);
        try {
            PersistentSubscriber durable = new PersistentSubscriber(Clients.id("turns-clean"), true, 1);
            durable.connect(node.mqttPort());
            durable.subscribe(durable.clientId() + "/#");
            durable.disconnect();
            String persistenceId = "session|" + durable.clientId();
            assertThat(JournalDatabases.eventRows(target, persistenceId)).isPositive();

            // MQTT-3.1.2-4: clean start discards the session; expiry 0 makes the new one clean
            Mqtt5BlockingClient clean = Clients.v5(node.mqttPort(), durable.clientId());
            assertThat(clean.connectWith().cleanStart(true).send().isSessionPresent()).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> JournalDatabases.eventRows(target, persistenceId) == 0);
            // The clean session works and is never journaled.
            clean.subscribeWith().topicFilter("other/" + durable.clientId()).qos(MqttQos.AT_LEAST_ONCE).send();
            clean.disconnect();
            assertThat(JournalDatabases.eventRows(target, persistenceId)).isZero();
        } finally {
            node.close();
        }
    }
}
