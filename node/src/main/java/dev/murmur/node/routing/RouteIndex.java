package dev.murmur.node.routing;

/**
 * The route index as readers see it: topic filter to the session shards holding at least one
 * subscriber. Reads are local and lock-free (connection stages call {@link #match} directly);
 * writes go through the {@link RouteIndexReplica} actor so that they are replicated. Kept behind
 * this interface so exact-topic routes can later be partitioned (see docs/architecture.md).
 */
public interface RouteIndex {

    /** Adds to {@code out} every shard holding a subscription whose filter matches {@code topic}. */
    void match(String topic, ShardSet out);

    /** Number of (filter, shard) routes known on this node. */
    int size();
}
