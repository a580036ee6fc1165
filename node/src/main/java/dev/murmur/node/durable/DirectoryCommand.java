package dev.murmur.node.durable;

import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.session.ShardMessage;
import org.apache.pekko.actor.typed.ActorRef;

/** The protocol of {@link SessionDirectory}: which persistent sessions a shard holds, and their subscriptions. */
public sealed interface DirectoryCommand extends ShardMessage {

    /** A session entity starts: is its client id a persistent session? Replies {@link DurableReply.DirectoryAnswer}. */
    record IsDurable(String clientId, ActorRef<ShardMessage> replyTo) implements DirectoryCommand {
    }

    /** A clean session becomes persistent; replies {@link DurableReply.Registered} once journaled. */
    record Register(String clientId, ActorRef<ShardMessage> replyTo) implements DirectoryCommand {
    }

    /** A persistent session ended and its journal is purged; replies {@link DurableReply.Unregistered}. */
    record Unregister(String clientId, ActorRef<ShardMessage> replyTo) implements DirectoryCommand {
    }

    /** Journal the subscriptions of a persistent session, then hand them to the shard hub. */
    record RecordSubscriptions(HubCommand.AddSubscriptions add) implements DirectoryCommand {
    }

    /** Journal the removal of subscriptions, then remove them from the shard hub. */
    record ForgetSubscriptions(HubCommand.RemoveSubscriptions remove) implements DirectoryCommand {
    }

    /**
     * A persistent session has a connection attached or a will waiting for its delay
     * ({@code online}), or neither any more: journaled, so that a directory recovering after its
     * node died wakes the sessions that died with a connection or a running will delay.
     */
    record MarkOnline(String clientId, boolean online) implements DirectoryCommand {
    }

    /** A (re)starting shard hub asks for every durable subscription; replies {@link DurableReply.Replayed}. */
    record Replay(ActorRef<ShardMessage> replyTo) implements DirectoryCommand {
    }
}
