package dev.murmur.node.session;

import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * How sessions and shard hubs are laid out in Cluster Sharding: one entity type, entity ids
 * {@code c<clientId>} for sessions, {@code h<shard>} for hubs and {@code d<shard>} for the
 * journaled directory of a shard's persistent sessions, so the prefix keeps any client id from
 * colliding with the others, and a session's shard is a stable hash of its client id.
 */
public final class ShardLayout extends ShardingMessageExtractor<ShardingEnvelope<ShardMessage>, ShardMessage> {
    /** The one entity type of sessions and hubs. */
    public static final EntityTypeKey<ShardMessage> TYPE_KEY = EntityTypeKey.create(ShardMessage.class, "mqtt-session");

    private static final char SESSION_PREFIX = 'c';
    private static final char HUB_PREFIX = 'h';
    private static final char DIRECTORY_PREFIX = 'd';

    private final int numberOfShards;

    public ShardLayout(int numberOfShards) {
        this.numberOfShards = numberOfShards;
    }

    public int numberOfShards() {
        return numberOfShards;
    }

    /** The shard that holds a client's session; String.hashCode is specified, so every node agrees. */
    public int shardOf(String clientId) {
        return Math.floorMod(clientId.hashCode(), numberOfShards);
    }

    public static String sessionEntityId(String clientId) {
        return SESSION_PREFIX + clientId;
    }

    public static String hubEntityId(int shard) {
        return HUB_PREFIX + Integer.toString(shard);
    }

    public static String directoryEntityId(int shard) {
        return DIRECTORY_PREFIX + Integer.toString(shard);
    }

    public static boolean isDirectory(String entityId) {
        return entityId.charAt(0) == DIRECTORY_PREFIX;
    }

    /** True for a session entity id (not a hub, nor another entity that shares the type). */
    public static boolean isSession(String entityId) {
        return !entityId.isEmpty() && entityId.charAt(0) == SESSION_PREFIX;
    }

    public static boolean isHub(String entityId) {
        return entityId.charAt(0) == HUB_PREFIX;
    }

    public static String clientIdOf(String sessionEntityId) {
        return sessionEntityId.substring(1);
    }

    public static int hubShardOf(String hubEntityId) {
        return Integer.parseInt(hubEntityId.substring(1));
    }

    @Override
    public String entityId(ShardingEnvelope<ShardMessage> envelope) {
        return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
        int shard = isHub(entityId) || isDirectory(entityId) ? hubShardOf(entityId) : shardOf(clientIdOf(entityId));
        return Integer.toString(shard);
    }

    @Override
    public ShardMessage unwrapMessage(ShardingEnvelope<ShardMessage> envelope) {
        return envelope.message();
    }
}
