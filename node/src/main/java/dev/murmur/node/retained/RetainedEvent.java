package dev.murmur.node.retained;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.persistence.serialization.MurmurSerializable;
import java.util.List;

/** What happened to a bucket of retained messages, in the past tense (journaled). */
public sealed interface RetainedEvent extends MurmurSerializable {

    /** The topic's retained message is now {@code message} (MQTT-3.3.1-5). */
    record RetainedSet(RoutedMessage message) implements RetainedEvent {
    }

    /** An empty retained payload cleared the topic (MQTT-3.3.1-6). */
    record RetainedCleared(String topic) implements RetainedEvent {
    }

    /** Every retained message of a bucket, as its snapshot holds them. */
    record RetainedSnapshot(List<RoutedMessage> messages) implements MurmurSerializable {
    }
}
