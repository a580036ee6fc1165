package dev.murmur.node.retained;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.retained.RetainedCommand.Lookup;
import java.time.Duration;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Retained messages spread over journaled {@link RetainedBucket}s by topic hash. This node-local
 * front keeps the {@link RetainedCommand} protocol of the in-memory store: a retained publish goes
 * to its topic's bucket; a lookup for a topic name asks one bucket, a wildcard filter asks all of
 * them, and every bucket with matches answers the session directly.
 */
public final class DurableRetained {
    /** The sharded entity type of the buckets (entity id: the bucket number). */
    public static final EntityTypeKey<RetainedCommand> TYPE_KEY = EntityTypeKey.create(RetainedCommand.class,
            "mqtt-retained");

    /** How long a wildcard browse (admin API) waits for every bucket before it answers with what it has. */
    private static final Duration BROWSE_TIMEOUT = Duration.ofSeconds(3);

    private DurableRetained() {
    }

    /** Registers the bucket entities with sharding and returns the front's behavior. */
    public static Behavior<RetainedCommand> start(ClusterSharding sharding, BrokerMetrics metrics, int buckets,
                                                  int snapshotEvery) {
        sharding.init(Entity.of(TYPE_KEY, ctx -> RetainedBucket.create(Integer.parseInt(ctx.getEntityId()), metrics,
                snapshotEvery)));
        IntFunction<RecipientRef<RetainedCommand>> bucket = b -> sharding.entityRefFor(TYPE_KEY, Integer.toString(b));
        @SuppressWarnings("unchecked")
        RecipientRef<RetainedCommand>[] refs = new RecipientRef[buckets];
        for (int b = 0; b < buckets; b++) {
            refs[b] = bucket.apply(b);
            refs[b].tell(RetainedCommand.Wake.INSTANCE); // recover now: the first subscribe should not wait
        }
        return Behaviors.setup(ctx -> Behaviors.receive(RetainedCommand.class)
                .onMessage(RetainedCommand.Put.class, p -> forward(refs, p.message().topic(), p))
                .onMessage(RetainedCommand.PutConfirmed.class, p -> forward(refs, p.message().topic(), p))
                .onMessage(RetainedCommand.Remove.class, r -> forward(refs, r.topic(), r))
                .onMessage(Lookup.class, l -> {
                    if (isWildcard(l.filter())) {
                        for (RecipientRef<RetainedCommand> r : refs) {
                            r.tell(l);
                        }
                        return Behaviors.same();
                    }
                    return forward(refs, l.filter(), l);
                })
                .onMessage(RetainedCommand.Browse.class, b -> {
                    if (!isWildcard(b.filter())) {
                        return forward(refs, b.filter(), b);
                    }
                    ActorRef<RetainedCommand.RetainedPage> pages = ctx.spawnAnonymous(
                            BrowseAggregator.create(b, refs.length, BROWSE_TIMEOUT));
                    for (RecipientRef<RetainedCommand> r : refs) {
                        r.tell(new RetainedCommand.Browse(b.filter(), b.limit(), pages));
                    }
                    return Behaviors.same();
                })
                .build());
    }

    private static Behavior<RetainedCommand> forward(RecipientRef<RetainedCommand>[] refs, String topic,
                                                     RetainedCommand c) {
        refs[bucketOf(topic, refs.length)].tell(c);
        return Behaviors.same();
    }

    /** The bucket of a topic: String.hashCode is specified, so every node agrees. */
    static int bucketOf(String topic, int buckets) {
        return Math.floorMod(topic.hashCode(), buckets);
    }

    private static boolean isWildcard(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }
}
