package dev.murmur.node.durable;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A shard hub recovering its subscriptions from its shard's directory. */
class DurableHubTest {
    private static final ActorTestKit KIT = ActorTestKit.create();
    private static final Duration WAIT = Duration.ofSeconds(5);

    @AfterAll
    static void stop() {
        KIT.shutdownTestKit();
    }

    /** What the wrapped hub receives, forwarded to a probe. */
    private static Behavior<ShardMessage> recordingHub(TestProbe<ShardMessage> seen) {
        return Behaviors.receive((ctx, m) -> {
            seen.ref().tell(m);
            return m == SessionCommand.Stop.INSTANCE ? Behaviors.stopped() : Behaviors.same();
        });
    }

    /**
     * A hand-off that starts while the hub waits for its directory stops the directory too, so
     * no replay will come: the hub must stop on the shard's stop message instead of holding the
     * hand-off for handoff-timeout (a rebalance stalled a minute in a chaos run before this).
     */
    @Test
    void stopsWhileRecoveringInsteadOfWaitingForADirectoryThatStopped() {
        TestProbe<ShardMessage> directory = KIT.createTestProbe();
        TestProbe<ShardMessage> seen = KIT.createTestProbe();
        ActorRef<ShardMessage> hub = KIT.spawn(DurableHub.create(7, directory.ref(), recordingHub(seen), 100));
        assertThat(directory.expectMessageClass(DirectoryCommand.Replay.class, WAIT).replyTo()).isEqualTo(hub);

        hub.tell(SessionCommand.Stop.INSTANCE);
        directory.expectTerminated(hub, WAIT);
        seen.expectNoMessage(Duration.ofMillis(200)); // stopped before the hub logic started
    }

    @Test
    void messagesHeldDuringRecoveryReachTheHubAfterTheReplay() {
        TestProbe<ShardMessage> directory = KIT.createTestProbe();
        TestProbe<ShardMessage> seen = KIT.createTestProbe();
        ActorRef<ShardMessage> hub = KIT.spawn(DurableHub.create(8, directory.ref(), recordingHub(seen), 100));
        directory.expectMessageClass(DirectoryCommand.Replay.class, WAIT);
        hub.tell(HubCommand.FlushAcks.INSTANCE);
        seen.expectNoMessage(Duration.ofMillis(200)); // held until the subscriptions are back

        hub.tell(new DurableReply.Replayed(java.util.Map.of()));
        assertThat(seen.receiveSeveralMessages(1, WAIT)).containsExactly(HubCommand.FlushAcks.INSTANCE);
        hub.tell(SessionCommand.Stop.INSTANCE);
        directory.expectTerminated(hub, WAIT);
    }
}
