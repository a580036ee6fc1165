package dev.murmur.persistence.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.murmur.persistence.serialization.KryoRegistrar;
import dev.murmur.persistence.serialization.KryoRegistry;
import dev.murmur.persistence.serialization.MurmurKryoSerializer;
import dev.murmur.persistence.serialization.MurmurSerializable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The journal wiring on both databases: schema creation, Kryo events and snapshots, recovery in a
 * new actor system, snapshot retention deleting old events, and the purge of a persistence id.
 */
class JournalSuiteTest {
    /** Commands of the test entity. */
    public sealed interface Command extends MurmurSerializable {
    }

    public record Add(int amount, ActorRef<Integer> replyTo) implements Command {
    }

    public record Get(ActorRef<Integer> replyTo) implements Command {
    }

    public record Added(int amount) implements MurmurSerializable {
    }

    public record Total(int sum) implements MurmurSerializable {
    }

    /** Ids 152..155. */
    public static final class Registrar implements KryoRegistrar {
        @Override
        public void registerTo(KryoRegistry r) {
            r.register(152, Add.class);
            r.register(153, Get.class);
            r.register(154, Added.class);
            r.register(155, Total.class);
        }
    }

    /** Sums what it is told; snapshots every 5 events and deletes the events before them. */
    static final class Summer extends EventSourcedBehavior<Command, Added, Total> {
        Summer(String id) {
            super(PersistenceId.ofUniqueId(id));
        }

        @Override
        public Total emptyState() {
            return new Total(0);
        }

        @Override
        public CommandHandler<Command, Added, Total> commandHandler() {
            return newCommandHandlerBuilder().forAnyState()
                    .onCommand(Add.class, (s, c) -> Effect().persist(new Added(c.amount()))
                            .thenRun(n -> c.replyTo().tell(n.sum())))
                    .onCommand(Get.class, (s, c) -> Effect().none().thenRun(n -> c.replyTo().tell(n.sum())))
                    .build();
        }

        @Override
        public EventHandler<Total, Added> eventHandler() {
            return newEventHandlerBuilder().forAnyState()
                    .onEvent(Added.class, (s, e) -> new Total(s.sum() + e.amount())).build();
        }

        @Override
        public RetentionCriteria retentionCriteria() {
            return RetentionCriteria.snapshotEvery(5, 1).withDeleteEventsOnSnapshot();
        }
    }

    private static ActorTestKit system(JournalTarget target) {
        Config config = ConfigFactory.parseString("""
                pekko.actor.serialize-messages = on
                murmur.serialization.registrars.test = "dev.murmur.persistence.journal.JournalSuiteTest$Registrar"
                """).withFallback(JournalConfig.pekkoConfig(target)).withFallback(ConfigFactory.load());
        return ActorTestKit.create(config);
    }

    @ParameterizedTest
    @EnumSource(JournalDialect.class)
    void eventsAndSnapshotsSurviveANewActorSystemAndPurgeLeavesNothing(JournalDialect dialect, @TempDir Path dir)
            throws Exception {
        JournalTarget target = dialect == JournalDialect.H2 ? TestDatabases.h2(dir) : TestDatabases.postgres();
        JournalSchema.create(target);
        JournalSchema.create(target); // idempotent: a second start finds the tables

        ActorTestKit first = system(target);
        try {
            Behavior<Command> b = new Summer("summer-1");
            ActorRef<Command> summer = first.spawn(b);
            TestProbe<Integer> probe = first.createTestProbe();
            for (int i = 1; i <= 12; i++) {
                summer.tell(new Add(i, probe.getRef()));
                probe.expectMessage(Duration.ofSeconds(10), i * (i + 1) / 2);
            }
            // Events before the older kept snapshot are deleted after the snapshot is stored, in
            // the background: wait for it while this system still runs (a busy machine is slow).
            awaitFewerEventsThan(target, dialect, 12);
        } finally {
            first.shutdownTestKit();
        }

        try (Connection c = target.connect()) {
            assertThat(serializerIds(c, dialect)).containsOnly(MurmurKryoSerializer.IDENTIFIER);
            // Snapshots at 5 and 10 deleted the events up to the older kept snapshot.
            assertThat(new JournalPurge(dialect).countEvents(c, "summer-1")).isLessThan(12);
        }

        ActorTestKit second = system(target);
        try {
            ActorRef<Command> summer = second.spawn(new Summer("summer-1"));
            TestProbe<Integer> probe = second.createTestProbe();
            summer.tell(new Get(probe.getRef()));
            probe.expectMessage(Duration.ofSeconds(10), 78);
        } finally {
            second.shutdownTestKit();
        }

        try (Connection c = target.connect()) {
            JournalPurge purge = new JournalPurge(dialect);
            assertThat(purge.purge(c, "summer-1")).isPositive();
            assertThat(purge.countEvents(c, "summer-1")).isZero();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + dialect.table("snapshot"));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    private static java.util.Set<Integer> serializerIds(Connection c, JournalDialect dialect) throws Exception {
        java.util.Set<Integer> ids = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT " + dialect.column("event_ser_id") + " FROM "
                + dialect.table("event_journal")); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private static void awaitFewerEventsThan(JournalTarget target, JournalDialect dialect, long n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Connection c = target.connect()) {
                if (new JournalPurge(dialect).countEvents(c, "summer-1") < n || System.nanoTime() > deadline) {
                    return; // the assertion below reports a miss
                }
            }
            Thread.sleep(50);
        }
    }
}
