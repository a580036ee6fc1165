package dev.murmur.node.routing;

import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.protocol.topic.SharedSubscription;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Where shared subscription groups live: one {@link SharedGroup} entity per
 * {@code $share/{group}/{filter}}, in the session entity type with entity id {@code g<share
 * filter>}. {@link ShardLayout} hashes the id without its prefix, so the group sits in the shard
 * of {@code hash("$share/...")} and registers with that shard's hub.
 */
public final class SharedGroups {
    private static final char GROUP_PREFIX = 'g';

    private SharedGroups() {
    }

    public static boolean isGroup(String entityId) {
        return entityId.charAt(0) == GROUP_PREFIX;
    }

    public static String entityId(String shareFilter) {
        return GROUP_PREFIX + shareFilter;
    }

    /** The {@code $share/{group}/{filter}} of a group entity id. */
    public static String shareFilterOf(String entityId) {
        return entityId.substring(1);
    }

    public static boolean isShared(String topicFilter) {
        return topicFilter.startsWith(SharedSubscription.PREFIX);
    }

    public static RecipientRef<ShardMessage> ref(ClusterSharding sharding, String shareFilter) {
        return sharding.entityRefFor(ShardLayout.TYPE_KEY, entityId(shareFilter));
    }
}
