package dev.murmur.node.retained;

import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.protocol.QoS;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of {@link RetainedStore}. */
public sealed interface RetainedCommand {

    /** A PUBLISH with RETAIN set: store it, or clear the topic when the payload is empty. */
    record Put(RoutedMessage message) implements RetainedCommand {
    }

    /** Find the retained messages matching a new subscription and send them to the session. */
    record Lookup(String filter, QoS maxQos, Integer subscriptionIdentifier, ActorRef<? super SessionCommand> replyTo)
            implements RetainedCommand {
    }
}
