package dev.murmur.node.durable;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.typesafe.config.ConfigFactory;
import dev.murmur.node.MurmurNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.ConnectRequest;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.support.JournalDatabases;
import dev.murmur.persistence.journal.JournalDialect;
import dev.murmur.persistence.journal.JournalTarget;
import dev.murmur.protocol.MqttVersion;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Durability benchmarks for docs/benchmarks.md (not a test): persistent QoS 1 fan-in, fan-out to
 * many persistent sessions (the shared-message-store question), journal bytes per message, and
 * the recovery of 100 000 persistent sessions. Clients run in the node's JVM, on the same cores.
 * Run with node/bench/durability.sh [h2|postgres] [fan-in|fan-out|recovery] ...
 */
public final class DurabilityBenchmark {
    private DurabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        JournalDialect dialect = JournalDialect.valueOf(args[0].toUpperCase(Locale.ROOT));
        String what = args[1];
        switch (what) {
            case "fan-in" -> fanIn(dialect, Boolean.parseBoolean(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "fan-out" -> fanOut(dialect, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "recovery" -> recovery(dialect, Integer.parseInt(args[2]));
            case "latency" -> latency(dialect, Boolean.parseBoolean(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException(what);
        }
        System.exit(0);
    }

    private static JournalTarget journal(JournalDialect dialect) throws Exception {
        if (dialect == JournalDialect.POSTGRES) {
            return JournalDatabases.postgres();
        }
        Path dir = Files.createDirectories(Path.of("target", "bench", UUID.randomUUID().toString()));
        return JournalTarget.h2(dir.resolve("murmur").toAbsolutePath(), 8);
    }

    private static MurmurNode node(JournalTarget target, boolean persistence) {
        return MurmurNode.start(ConfigFactory.parseString(JournalDatabases.config(target) + """
                murmur.persistence.enabled = %s
                # keep every event so journal bytes per message can be counted
                murmur.persistence.snapshot-every = 1000000
                murmur.listeners = [{ name = "bench", kind = "tcp", host = "127.0.0.1", port = 0 }]
                murmur.sys.enabled = off
                murmur.mqtt.max-queued-messages = 1000000
                murmur.mqtt.max-inflight = %d
                pekko.remote.artery.canonical.port = 0
                pekko.loglevel = "WARNING"
                """.formatted(persistence ? "on" : "off", Integer.getInteger("bench.maxInflight", 32))));
    }

    private static Mqtt5AsyncClient client(int port, String id) {
        return Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(port).buildAsync();
    }

    /** A subscriber counting deliveries; persistent (clean start 0, expiry 1 h) or clean. */
    private static Mqtt5AsyncClient subscriber(int port, String id, String filter, boolean persistent,
                                               AtomicLong received) throws Exception {
        Mqtt5AsyncClient sub = client(port, id);
        sub.publishes(MqttGlobalPublishFilter.ALL, p -> received.incrementAndGet());
        sub.connectWith().cleanStart(!persistent).sessionExpiryInterval(persistent ? 3600 : 0).send()
                .get(30, TimeUnit.SECONDS);
        sub.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().get(30, TimeUnit.SECONDS);
        return sub;
    }

    /** Publishes QoS 1 for {@code seconds} keeping {@code window} unacknowledged; returns PUBACKs. */
    private static Thread publisher(Mqtt5AsyncClient pub, String topic, byte[] payload, long endNanos,
                                    AtomicLong acked) {
        Thread t = new Thread(() -> {
            Semaphore window = new Semaphore(256);
            while (System.nanoTime() < endNanos) {
                try {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(payload).send()
                        .whenComplete((r, e) -> {
                            window.release();
                            if (e == null) {
                                acked.incrementAndGet();
                            }
                        });
            }
        });
        t.start();
        return t;
    }

    private static void fanIn(JournalDialect dialect, boolean persistent, int publishers, int seconds)
            throws Exception {
        JournalTarget target = journal(dialect);
        MurmurNode node = node(target, true);
        String subId = "fan-in-sub";
        AtomicLong received = new AtomicLong();
        Mqtt5AsyncClient sub = subscriber(node.mqttPort(), subId, "bench/fan-in/+", persistent, received);
        List<Mqtt5AsyncClient> pubs = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            Mqtt5AsyncClient p = client(node.mqttPort(), "fan-in-pub-" + i);
            p.connect().get(30, TimeUnit.SECONDS);
            pubs.add(p);
        }
        AtomicLong acked = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < publishers; i++) {
            threads.add(publisher(pubs.get(i), "bench/fan-in/" + i, new byte[64], end, acked));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long accepted = acked.get();
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (received.get() < accepted && System.nanoTime() < drainEnd) {
            Thread.sleep(20);
        }
        double allDelivered = (System.nanoTime() - start) / 1e9;
        long handOffs = node.metrics().get(Counter.HAND_OFFS_COMPLETED);
        double meanMs = handOffs == 0 ? 0 : node.metrics().get(Counter.HAND_OFF_NANOS) / 1e6 / handOffs;
        System.out.printf(Locale.ROOT, "fan-in %s %s publishers=%d max-inflight=%d: accepted %.0f msg/s for %.0f s,"
                        + " all %d delivered after %.1f s = %.0f msg/s end to end, mean publish->PUBACK %.2f ms"
                        + " (window 256 per publisher), retries %d%n", dialect, persistent ? "persistent" : "clean",
                publishers, Integer.getInteger("bench.maxInflight", 32), accepted / elapsed, elapsed, received.get(),
                allDelivered, received.get() / allDelivered, meanMs, node.metrics().get(Counter.HAND_OFF_RETRIES));
        if (persistent) {
            journalBytes(target, "session|" + subId, accepted);
        }
        sub.disconnect();
        pubs.forEach(Mqtt5AsyncClient::disconnect);
        node.close();
    }

    /** One publisher, one QoS 1 PUBLISH at a time: the cost of acknowledging only after storage. */
    private static void latency(JournalDialect dialect, boolean persistent, int count) throws Exception {
        JournalTarget target = journal(dialect);
        MurmurNode node = node(target, true);
        AtomicLong received = new AtomicLong();
        Mqtt5AsyncClient sub = subscriber(node.mqttPort(), "lat-sub", "bench/lat", persistent, received);
        Mqtt5AsyncClient pub = client(node.mqttPort(), "lat-pub");
        pub.connect().get(30, TimeUnit.SECONDS);
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            pub.publishWith().topic("bench/lat").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[64]).send()
                    .get(30, TimeUnit.SECONDS);
            nanos[i] = System.nanoTime() - t0;
        }
        double mean = java.util.Arrays.stream(nanos).average().orElse(0) / 1e6;
        java.util.Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "latency %s %s: publish->PUBACK mean %.2f ms, p50 %.2f ms, p99 %.2f ms%n",
                dialect, persistent ? "persistent" : "clean", mean, nanos[count / 2] / 1e6,
                nanos[(int) (count * 0.99)] / 1e6);
        sub.disconnect();
        pub.disconnect();
        node.close();
    }

    private static void fanOut(JournalDialect dialect, int subscribers, int payloadBytes, int seconds)
            throws Exception {
        JournalTarget target = journal(dialect);
        MurmurNode node = node(target, true);
        AtomicLong received = new AtomicLong();
        List<Mqtt5AsyncClient> subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            subs.add(subscriber(node.mqttPort(), "fan-out-sub-" + i, "bench/fan-out", true, received));
        }
        Mqtt5AsyncClient pub = client(node.mqttPort(), "fan-out-pub");
        pub.connect().get(30, TimeUnit.SECONDS);
        AtomicLong acked = new AtomicLong();
        long start = System.nanoTime();
        publisher(pub, "bench/fan-out", new byte[payloadBytes], start + TimeUnit.SECONDS.toNanos(seconds), acked)
                .join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Thread.sleep(3000);
        long handOffs = node.metrics().get(Counter.HAND_OFFS_COMPLETED);
        double meanMs = handOffs == 0 ? 0 : node.metrics().get(Counter.HAND_OFF_NANOS) / 1e6 / handOffs;
        System.out.printf(Locale.ROOT, "fan-out %s subscribers=%d payload=%dB: accepted %.0f msg/s, %.0f"
                        + " deliveries/s, delivered %d of %d, mean publish->PUBACK %.2f ms%n", dialect, subscribers,
                payloadBytes, acked.get() / elapsed, received.get() / elapsed, received.get(),
                acked.get() * subscribers, meanMs);
        journalBytes(target, "session|fan-out-sub-%", acked.get() * subscribers);
        subs.forEach(Mqtt5AsyncClient::disconnect);
        pub.disconnect();
        node.close();
    }

    /** Journal rows and payload bytes of the matching persistence ids, per stored message. */
    private static void journalBytes(JournalTarget target, String persistenceIdLike, long messages) throws Exception {
        boolean h2 = target.dialect() == JournalDialect.H2;
        String sql = h2
                ? "SELECT COUNT(*), SUM(OCTET_LENGTH(\"event_payload\")) FROM PUBLIC.\"event_journal\""
                        + " WHERE \"persistence_id\" LIKE '" + persistenceIdLike + "'"
                : "SELECT COUNT(*), SUM(OCTET_LENGTH(event_payload)) FROM public.event_journal"
                        + " WHERE persistence_id LIKE '" + persistenceIdLike + "'";
        try (Connection c = target.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            long rows = rs.getLong(1);
            long bytes = rs.getLong(2);
            System.out.printf(Locale.ROOT, "journal: %d rows, %d payload bytes for %d stored messages:"
                    + " %.2f rows and %.1f event bytes per message%n", rows, bytes, messages,
                    rows / (double) messages, bytes / (double) messages);
        }
        if (!h2) {
            try (Connection c = target.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_total_relation_size('public.event_journal')")) {
                rs.next();
                System.out.printf(Locale.ROOT, "postgres event_journal with indexes: %d bytes, %.0f bytes per"
                        + " message%n", rs.getLong(1), rs.getLong(1) / (double) messages);
            }
        }
        if (h2) {
            String file = target.url().substring("jdbc:h2:file:".length()).split(";")[0] + ".mv.db";
            long size = Files.size(Path.of(file));
            System.out.printf(Locale.ROOT, "h2 file: %d bytes, %.0f bytes per message%n", size,
                    size / (double) messages);
        }
    }

    /**
     * Creates {@code sessions} persistent sessions with one subscription each (through the
     * session protocol, as connections would), restarts the node and measures (1) start-up until
     * the hubs have their durable subscriptions back and (2) the first QoS 1 publish matching all
     * sessions until its PUBACK: every session recovered from the journal and stored it.
     */
    private static void recovery(JournalDialect dialect, int sessions) throws Exception {
        JournalTarget target = journal(dialect);
        MurmurNode first = node(target, true);
        CountDownLatch subscribed = new CountDownLatch(sessions);
        ActorRef<ConnectionOutput> connection = first.system().systemActorOf(
                Behaviors.receive(ConnectionOutput.class).onMessage(ConnectionOutput.SubscribeDone.class, d -> {
                    subscribed.countDown();
                    return Behaviors.same();
                }).onAnyMessage(m -> Behaviors.same()).build(), "bench-connection", Props.empty());
        ClusterSharding sharding = ClusterSharding.get(first.system());
        long created = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            String id = "rec-" + i;
            var session = sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(id));
            session.tell(new SessionCommand.Attach(new ConnectRequest(id, MqttVersion.V5, false, 3600, 65_535,
                    1 << 20, null, null, "bench"), connection));
            session.tell(new SessionCommand.Subscribe(connection, 1, List.of(Subscription.of("bench/all",
                    QoS.AT_LEAST_ONCE)), null));
            // no Detach: it could overtake the SUBACK; the restart disconnects everyone anyway
            if (i % 1000 == 999) {
                while (subscribed.getCount() > sessions - i - 1 + 5000) {
                    Thread.sleep(5); // keep at most ~5 000 sessions being created at once
                }
            }
        }
        if (!subscribed.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("sessions not created");
        }
        System.out.printf(Locale.ROOT, "created %d persistent sessions in %.1f s%n", sessions,
                (System.nanoTime() - created) / 1e9);
        first.close();

        long startNanos = System.nanoTime();
        MurmurNode second = node(target, true);
        double startSeconds = (System.nanoTime() - startNanos) / 1e9;
        Mqtt5AsyncClient pub = client(second.mqttPort(), "rec-pub");
        pub.connect().get(30, TimeUnit.SECONDS);
        long publish = System.nanoTime();
        pub.publishWith().topic("bench/all").qos(MqttQos.AT_LEAST_ONCE).payload(new byte[64]).send()
                .get(30, TimeUnit.MINUTES);
        double recoverSeconds = (System.nanoTime() - publish) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.out.printf(Locale.ROOT, "%s: node start with %d durable sessions (hubs recovered) %.1f s;"
                        + " first publish to all until PUBACK (every session recovered and stored it) %.1f s"
                        + " = %.0f sessions/s; heap after GC %d MiB%n", dialect, sessions, startSeconds,
                recoverSeconds, sessions / recoverSeconds, (rt.totalMemory() - rt.freeMemory()) >> 20);
        pub.disconnect();
        second.close();
    }
}
