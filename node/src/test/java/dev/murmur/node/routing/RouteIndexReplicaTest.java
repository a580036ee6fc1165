package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.murmur.node.metrics.BrokerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** The replicated route index on a cluster of one: a write is visible locally when acknowledged. */
class RouteIndexReplicaTest {
    private static ActorTestKit kit;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.hostname = "127.0.0.1"
                pekko.remote.artery.canonical.port = 0
                pekko.loglevel = WARNING
                """));
        Cluster cluster = Cluster.get(kit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static List<Integer> match(RouteIndex index, String topic) {
        return RouteMatches.of(index, topic);
    }

    @Test
    void addedRoutesMatchAsSoonAsTheAddIsAcknowledged() {
        RouteIndexReplica.Handle handle = RouteIndexReplica.create(8, Duration.ofSeconds(3), new BrokerMetrics());
        ActorRef<RouteIndexCommand> replica = kit.spawn(handle.behavior());
        TestProbe<RouteIndexCommand.RoutesAdded> probe = kit.createTestProbe();

        replica.tell(new RouteIndexCommand.AddRoutes(List.of("a/+/c", "a/#"), 5, 1L, probe.getRef()));
        replica.tell(new RouteIndexCommand.AddRoutes(List.of("a/b/c"), 9, 2L, probe.getRef()));
        // The two adds write different keys, so their acknowledgements may arrive in either order.
        assertThat(List.of(probe.receiveMessage().requestId(), probe.receiveMessage().requestId()))
                .containsExactlyInAnyOrder(1L, 2L);

        assertThat(match(handle.view(), "a/b/c")).containsExactly(5, 9); // shard 5 once, though two filters match
        assertThat(match(handle.view(), "a")).containsExactly(5);
        assertThat(match(handle.view(), "b")).isEmpty();
    }

    @Test
    void removedRoutesStopMatching() {
        RouteIndexReplica.Handle handle = RouteIndexReplica.create(8, Duration.ofSeconds(3), new BrokerMetrics());
        ActorRef<RouteIndexCommand> replica = kit.spawn(handle.behavior());
        TestProbe<RouteIndexCommand.RoutesAdded> probe = kit.createTestProbe();
        replica.tell(new RouteIndexCommand.AddRoutes(List.of("x/y"), 1, 1L, probe.getRef()));
        probe.receiveMessage();
        replica.tell(new RouteIndexCommand.RemoveRoutes(List.of("x/y"), 1));
        // A later add acknowledges only after the remove was processed (same actor, in order).
        replica.tell(new RouteIndexCommand.AddRoutes(List.of("other"), 1, 2L, probe.getRef()));
        probe.receiveMessage();
        assertThat(match(handle.view(), "x/y")).isEmpty();
        assertThat(match(handle.view(), "other")).containsExactly(1);
    }

    @Test
    void aSyncReadsTheNamedFiltersFromTheReplicatorAndAnswers() {
        RouteIndexReplica.Handle writer = RouteIndexReplica.create(8, Duration.ofSeconds(3), new BrokerMetrics());
        ActorRef<RouteIndexCommand> writerRef = kit.spawn(writer.behavior());
        TestProbe<RouteIndexCommand.RoutesAdded> added = kit.createTestProbe();
        writerRef.tell(new RouteIndexCommand.AddRoutes(List.of("sync/1", "sync/2"), 4, 1L, added.getRef()));
        added.receiveMessage();

        // A replica started after the write, with no resync for the length of the test: only the
        // sync can bring routes into its view, and only the ones it names.
        RouteIndexReplica.Handle peer = RouteIndexReplica.create(8, Duration.ofSeconds(3), Duration.ofHours(1),
                null, new BrokerMetrics());
        ActorRef<RouteIndexCommand> peerRef = kit.spawn(peer.behavior());
        TestProbe<RouteIndexCommand> synced = kit.createTestProbe();
        peerRef.tell(new RouteIndexCommand.SyncRoutes(List.of("sync/1"), 7L, synced.getRef()));
        assertThat(synced.expectMessageClass(RouteIndexCommand.KeysSynced.class).syncId()).isEqualTo(7L);
        assertThat(match(peer.view(), "sync/1")).containsExactly(4);
        assertThat(match(peer.view(), "sync/2")).isEmpty();

        // A remove's sync asks for no answer.
        peerRef.tell(new RouteIndexCommand.SyncRoutes(List.of("sync/2"), -1L, synced.getRef()));
        synced.expectNoMessage(Duration.ofMillis(300));
        assertThat(match(peer.view(), "sync/2")).containsExactly(4);
    }

    @Test
    void anIndexThatOutgrowsItsKeysIsReportedOnceWithTheKeyToChange() {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try {
            RouteIndexReplica.Handle handle = RouteIndexReplica.create(1, Duration.ofSeconds(3), Duration.ofMillis(100),
                    null, new BrokerMetrics());
            ActorRef<RouteIndexCommand> replica = kit.spawn(handle.behavior());
            TestProbe<RouteIndexCommand.RoutesAdded> probe = kit.createTestProbe();
            List<String> filters = new ArrayList<>();
            for (int i = 0; i < 251; i++) {
                filters.add("crowded/" + i);
            }
            replica.tell(new RouteIndexCommand.AddRoutes(filters, 3, 1L, probe.getRef()));
            probe.receiveMessage();

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(warnings(logged))
                    .singleElement().asString()
                    .contains("routes=251", "keys=1", "murmur.routing.route-index-keys"));
            // Later ticks do not repeat it.
            TestProbe<RouteIndexCommand.RoutesAdded> later = kit.createTestProbe();
            replica.tell(new RouteIndexCommand.AddRoutes(List.of("crowded/more"), 3, 2L, later.getRef()));
            later.receiveMessage();
            later.expectNoMessage(Duration.ofMillis(500)); // five more resync ticks
            assertThat(warnings(logged)).hasSize(1);
        } finally {
            root.detachAppender(logged);
        }
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> logged) {
        synchronized (logged.list) {
            return logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains("event=route_index_keys_too_few")).toList();
        }
    }
}
