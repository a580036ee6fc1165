package dev.murmur.node.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.murmur.node.metrics.BrokerMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.ReplicatorSettings;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that joins a cluster whose route index already holds routes reads them from the other
 * nodes at start-up ({@link RouteIndexCommand.LoadAll}) instead of waiting for gossip — here
 * gossip runs once an hour, so only the load can bring them.
 */
class RouteIndexLoadTest {
    private static final Config CONFIG = ConfigFactory.parseString("""
            pekko.actor.provider = cluster
            pekko.remote.artery.canonical.hostname = "127.0.0.1"
            pekko.remote.artery.canonical.port = 0
            pekko.loglevel = WARNING
            """);
    private final List<ActorTestKit> kits = new ArrayList<>();

    @AfterEach
    void stop() {
        kits.forEach(ActorTestKit::shutdownTestKit);
    }

    private ActorTestKit node() {
        ActorTestKit kit = ActorTestKit.create("route-load", CONFIG);
        kits.add(kit);
        return kit;
    }

    /** The route index's own replicator, at the same path on every node, gossiping hourly. */
    private static ActorRef<Replicator.Command> replicator(ActorTestKit kit) {
        ReplicatorSettings settings = ReplicatorSettings.apply(ConfigFactory.parseString("gossip-interval = 1h")
                .withFallback(kit.system().settings().config().getConfig("pekko.cluster.distributed-data")));
        return kit.system().systemActorOf(Replicator.behavior(settings), "route-index-replicator", Props.empty());
    }

    private static List<Integer> match(RouteIndex index, String topic) {
        return RouteMatches.of(index, topic);
    }

    @Test
    void aJoiningNodeReadsTheRoutesWrittenBeforeItFromTheOthers() {
        ActorTestKit first = node();
        Cluster firstCluster = Cluster.get(first.system());
        firstCluster.manager().tell(Join.create(firstCluster.selfMember().address()));
        RouteIndexReplica.Handle firstIndex = RouteIndexReplica.create(8, Duration.ofSeconds(3), Duration.ofHours(1),
                replicator(first), new BrokerMetrics());
        ActorRef<RouteIndexCommand> firstReplica = first.spawn(firstIndex.behavior());
        await().atMost(Duration.ofSeconds(20)).until(() -> firstCluster.selfMember().status() == MemberStatus.up());
        TestProbe<RouteIndexCommand.RoutesAdded> added = first.createTestProbe();
        firstReplica.tell(new RouteIndexCommand.AddRoutes(List.of("old/1", "old/+/x"), 5, 1L, added.getRef()));
        added.receiveMessage(Duration.ofSeconds(10));

        ActorTestKit second = node();
        Cluster secondCluster = Cluster.get(second.system());
        secondCluster.manager().tell(Join.create(firstCluster.selfMember().address()));
        RouteIndexReplica.Handle secondIndex = RouteIndexReplica.create(8, Duration.ofSeconds(3),
                Duration.ofHours(1), replicator(second), new BrokerMetrics());
        ActorRef<RouteIndexCommand> secondReplica = second.spawn(secondIndex.behavior());
        TestProbe<RouteIndexCommand.Loaded> loaded = second.createTestProbe();
        secondReplica.tell(new RouteIndexCommand.LoadAll(loaded.getRef())); // answered once the node is Up

        RouteIndexCommand.Loaded result = loaded.receiveMessage(Duration.ofSeconds(30));
        assertThat(result.keys()).isEqualTo(8);
        assertThat(result.failed()).isZero();
        assertThat(result.routes()).isEqualTo(2);
        assertThat(match(secondIndex.view(), "old/1")).containsExactly(5);
        assertThat(match(secondIndex.view(), "old/y/x")).containsExactly(5);

        // Asked again (a second caller), the same answer at once.
        TestProbe<RouteIndexCommand.Loaded> again = second.createTestProbe();
        secondReplica.tell(new RouteIndexCommand.LoadAll(again.getRef()));
        assertThat(again.receiveMessage(Duration.ofSeconds(5))).isEqualTo(result);
    }
}
