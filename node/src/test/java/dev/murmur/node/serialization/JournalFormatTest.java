package dev.murmur.node.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.murmur.node.durable.DirectoryEvent;
import dev.murmur.node.retained.RetainedEvent;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.QueuedMessage;
import dev.murmur.node.session.SessionEvent;
import dev.murmur.node.session.SessionSnapshot;
import dev.murmur.node.session.SessionState;
import dev.murmur.persistence.serialization.KryoFactory;
import dev.murmur.persistence.serialization.MurmurKryoSerializer;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Journals written by this version stay readable: the bytes of one event of each kind, as
 * written when the format was introduced, are kept in src/test/resources/journal-format and must
 * still read back to the same values. A change that breaks them breaks every existing journal;
 * append record components instead (docs/architecture.md, "Serialization"). To add files for
 * new event kinds, run this test with -Dmurmur.journal-format.write=src/test/resources/journal-format.
 */
class JournalFormatTest {
    private static final Properties PROPS = Properties.builder().contentType("text/plain").userProperty("k", "v")
            .messageExpiryInterval(60L).build();
    private static final RoutedMessage MESSAGE = new RoutedMessage("sensors/1/temp",
            "21.5".getBytes(StandardCharsets.UTF_8), QoS.EXACTLY_ONCE, true, PROPS, "publisher-1", 1_764_000_000_000L);
    private static final QueuedMessage QUEUED = new QueuedMessage(MESSAGE, QoS.AT_LEAST_ONCE, true, List.of(7, 9));
    private static final Subscription SUBSCRIPTION = Subscription.of("sensors/+/temp", QoS.EXACTLY_ONCE);

    /** One value of every journaled kind, with its file name. */
    private static List<Object[]> canonical() {
        List<Object[]> all = new ArrayList<>();
        all.add(new Object[] {"session-subscription-added", new SessionEvent.SubscriptionAdded(SUBSCRIPTION, 12)});
        all.add(new Object[] {"session-subscription-removed", new SessionEvent.SubscriptionRemoved("a/#")});
        all.add(new Object[] {"session-message-enqueued", new SessionEvent.MessageEnqueued(QUEUED)});
        all.add(new Object[] {"session-message-stored", new SessionEvent.MessageStored(QUEUED, -4_242_424_242L)});
        all.add(new Object[] {"session-message-sent", new SessionEvent.MessageSent(65_535)});
        all.add(new Object[] {"session-message-acknowledged", new SessionEvent.MessageAcknowledged(1)});
        all.add(new Object[] {"session-message-received", new SessionEvent.MessageReceived(2)});
        all.add(new Object[] {"session-inbound-qos2-stored", new SessionEvent.InboundQos2Stored(3)});
        all.add(new Object[] {"session-will-set", new SessionEvent.WillSet(new Will("w/t", new byte[] {1, 2},
                QoS.AT_LEAST_ONCE, true, PROPS))});
        all.add(new Object[] {"session-will-cleared", SessionEvent.WillCleared.INSTANCE});
        all.add(new Object[] {"session-expiry-changed", new SessionEvent.ExpiryChanged(4_294_967_295L)});
        all.add(new Object[] {"session-expiry-scheduled", new SessionEvent.ExpiryScheduled(1_764_000_060_000L)});
        all.add(new Object[] {"session-state-cleared", SessionEvent.StateCleared.INSTANCE});
        all.add(new Object[] {"session-snapshot", new SessionSnapshot(
                List.of(new SessionState.SubscriptionEntry(SUBSCRIPTION, null)), List.of(QUEUED),
                List.of(new SessionState.Inflight(5, QUEUED, true)), List.of(8), 5, null, 3600, 0, List.of(1L, 2L))});
        // issue 10: inbound QoS 2 ids keep the hand-off id they are routed under (appended components)
        all.add(new Object[] {"session-inbound-qos2-accepted", new SessionEvent.InboundQos2Stored(3, -5_555_555_555L)});
        all.add(new Object[] {"session-snapshot-qos2-hand-offs", new SessionSnapshot(List.of(), List.of(), List.of(),
                List.of(8, 9), 0, null, 0, 0, List.of(), List.of(4L, 0L), false)});
        all.add(new Object[] {"session-connected", SessionEvent.Connected.INSTANCE});
        all.add(new Object[] {"session-disconnected", SessionEvent.Disconnected.INSTANCE});
        all.add(new Object[] {"session-snapshot-online", new SessionSnapshot(List.of(), List.of(), List.of(),
                List.of(), 0, null, 0, 0, List.of(), List.of(), true)});
        all.add(new Object[] {"directory-client-online", new DirectoryEvent.ClientOnline("client-1")});
        all.add(new Object[] {"directory-client-offline", new DirectoryEvent.ClientOffline("client-1")});
        HubSubscription hub = new HubSubscription("client-1", "a/+", QoS.AT_LEAST_ONCE, true, false, 3);
        all.add(new Object[] {"directory-subscriptions-recorded",
                new DirectoryEvent.SubscriptionsRecorded("client-1", List.of(hub))});
        all.add(new Object[] {"directory-snapshot-online",
                new DirectoryEvent.DirectorySnapshot(java.util.Map.of("client-1", List.of(hub)), List.of("client-1"))});
        all.add(new Object[] {"directory-client-registered", new DirectoryEvent.ClientRegistered("client-1")});
        all.add(new Object[] {"retained-set", new RetainedEvent.RetainedSet(MESSAGE)});
        all.add(new Object[] {"retained-cleared", new RetainedEvent.RetainedCleared("a/b")});
        return all;
    }

    private static MurmurKryoSerializer serializer() {
        List<String> names = new ArrayList<>();
        ConfigFactory.load().getConfig("murmur.serialization.registrars").root()
                .forEach((k, v) -> names.add((String) v.unwrapped()));
        return new MurmurKryoSerializer(new KryoFactory(KryoFactory.instantiate(names), null));
    }

    @Test
    void bytesWrittenByTheFirstVersionStillRead() throws Exception {
        MurmurKryoSerializer s = serializer();
        String writeTo = System.getProperty("murmur.journal-format.write");
        for (Object[] c : canonical()) {
            String name = (String) c[0];
            Object value = c[1];
            String file = name + "." + s.manifest(value) + ".bin";
            if (writeTo != null) {
                Files.write(Path.of(writeTo, file), s.toBinary(value));
                continue; // the classpath copy is refreshed by the next build
            }
            try (InputStream in = getClass().getResourceAsStream("/journal-format/" + file)) {
                assertThat(in).as("journal-format/%s (manifest changed? ids must never change)", file).isNotNull();
                Object read = s.fromBinary(in.readAllBytes(), s.manifest(value));
                assertThat(read).as(name).usingRecursiveComparison().isEqualTo(value);
            }
        }
    }
}
