package dev.murmur.node.retained;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.persistence.serialization.MurmurSerializable;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.protocol.QoS;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of {@link RetainedStore} (in memory) and of the journaled {@link RetainedBucket}s. */
public sealed interface RetainedCommand extends MurmurSerializable {

    /** A PUBLISH with RETAIN set: store it, or clear the topic when the payload is empty. */
    record Put(RoutedMessage message) implements RetainedCommand {
    }

    /**
     * A retained PUBLISH at QoS 1/2 whose publisher waits: once stored, {@code confirmTo} hears
     * {@code SessionConfirmed} for the retained pseudo-shard, like a session's confirmation.
     */
    record PutConfirmed(RoutedMessage message, long handOffId, int attempt,
                        ActorRef<ConnectionOutput> confirmTo) implements RetainedCommand {
    }

    /** Start-up: recover now rather than on the first publish or subscribe. */
    enum Wake implements RetainedCommand {
        INSTANCE
    }

    /** Internal to a bucket: journal what the commands since the last write decided. */
    enum Flush implements RetainedCommand {
        INSTANCE
    }

    /** Find the retained messages matching a new subscription and send them to the session. */
    record Lookup(String filter, QoS maxQos, Integer subscriptionIdentifier, ActorRef<? super SessionCommand> replyTo)
            implements RetainedCommand {
    }

    /** Admin API: retained messages matching {@code filter}, at most {@code limit} (operations issue). */
    record Browse(String filter, int limit, ActorRef<RetainedPage> replyTo) implements RetainedCommand {
    }

    /** The answer to {@link Browse}: a page of messages and how many match in all. */
    record RetainedPage(List<RoutedMessage> messages, int total) implements MurmurSerializable {
    }

    /** Admin API: delete the retained message of {@code topic}; answers whether there was one. */
    record Remove(String topic, ActorRef<Removed> replyTo) implements RetainedCommand {
    }

    /** The answer to {@link Remove}. */
    record Removed(String topic, boolean existed) implements MurmurSerializable {
    }
}
