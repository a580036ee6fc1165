package dev.murmur.node.durable;

import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.session.ShardMessage;
import java.util.List;
import java.util.Map;

/** Replies and internal signals of the durable entities; all are ShardMessages so entities receive them directly. */
public sealed interface DurableReply extends ShardMessage {

    record DirectoryAnswer(boolean durable) implements DurableReply {
    }

    enum Registered implements DurableReply {
        INSTANCE
    }

    enum Unregistered implements DurableReply {
        INSTANCE
    }

    /** Every durable subscription of a shard, by client id. */
    record Replayed(Map<String, List<HubSubscription>> subscriptions) implements DurableReply {
    }

    /** Internal to a persistent session: its journal rows are deleted. */
    enum Purged implements DurableReply {
        INSTANCE
    }

    /** Internal to a persistent session: journal what the commands since the last write decided. */
    enum Flush implements DurableReply {
        INSTANCE
    }

    /** Internal to a shard hub: one replayed subscription batch is routed. */
    enum HubFed implements DurableReply {
        INSTANCE
    }
}
