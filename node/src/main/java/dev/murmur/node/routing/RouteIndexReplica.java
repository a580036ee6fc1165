package dev.murmur.node.routing;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.RouteIndexCommand.AddRoutes;
import dev.murmur.node.routing.RouteIndexCommand.KeyChanged;
import dev.murmur.node.routing.RouteIndexCommand.RemoveRoutes;
import dev.murmur.node.routing.RouteIndexCommand.RoutesAdded;
import dev.murmur.node.routing.RouteIndexCommand.WriteDone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.ORMultiMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * One per node: owns this node's writes to the replicated route index (Distributed Data
 * {@code ORMultiMap<filter, shard>} split over many keys) and keeps {@link LocalRouteView} in
 * line with every replicated change. "Subscribe means subscribed": {@link AddRoutes} is answered
 * only after every reachable node acknowledged the write (or the write timeout, counted).
 */
public final class RouteIndexReplica extends AbstractBehavior<RouteIndexCommand> {
    private static final String KEY_PREFIX = "murmur-routes-";

    private final ReplicatorMessageAdapter<RouteIndexCommand, ORMultiMap<String, Integer>> replicator;
    private final SelfUniqueAddress self;
    private final LocalRouteView view;
    private final List<Key<ORMultiMap<String, Integer>>> keys = new ArrayList<>();
    private final Replicator.WriteConsistency writeConsistency;
    private final BrokerMetrics metrics;
    private final Map<Long, PendingAdd> pendingAdds = new HashMap<>();
    /** Per key, the merge of every value seen: a CRDT merge never goes back in time. */
    private final List<ORMultiMap<String, Integer>> merged = new ArrayList<>();
    private long nextWriteId;

    /** Replies owed for one AddRoutes: sent when all of its per-key writes are done. */
    private static final class PendingAdd {
        final ActorRef<RoutesAdded> replyTo;
        final long requestId;
        int writesLeft;
        boolean timedOut;

        PendingAdd(ActorRef<RoutesAdded> replyTo, long requestId, int writes) {
            this.replyTo = replyTo;
            this.requestId = requestId;
            this.writesLeft = writes;
        }
    }

    /** The actor and the view it maintains, created together. */
    public record Handle(Behavior<RouteIndexCommand> behavior, RouteIndex view) {
    }

    public static Handle create(int keyCount, Duration writeTimeout, BrokerMetrics metrics) {
        LocalRouteView view = new LocalRouteView(keyCount);
        Behavior<RouteIndexCommand> behavior = Behaviors.setup(ctx ->
                DistributedData.<RouteIndexCommand, ORMultiMap<String, Integer>>withReplicatorMessageAdapter(
                        adapter -> new RouteIndexReplica(ctx, adapter, view, keyCount, writeTimeout, metrics)));
        return new Handle(behavior, view);
    }

    private RouteIndexReplica(ActorContext<RouteIndexCommand> ctx,
                              ReplicatorMessageAdapter<RouteIndexCommand, ORMultiMap<String, Integer>> replicator,
                              LocalRouteView view, int keyCount, Duration writeTimeout, BrokerMetrics metrics) {
        super(ctx);
        this.replicator = replicator;
        this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
        this.view = view;
        this.metrics = metrics;
        this.writeConsistency = new Replicator.WriteAll(writeTimeout);
        for (int i = 0; i < keyCount; i++) {
            Key<ORMultiMap<String, Integer>> key = ORMultiMapKey.create(KEY_PREFIX + i);
            keys.add(key);
            merged.add(ORMultiMap.emptyWithValueDeltas());
            // One adapter serves every key (Pekko keeps one per response class), so the key
            // index is recovered from the response itself, never captured here.
            replicator.subscribe(key, rsp -> new KeyChanged(keyIndexOf(rsp.key().id()),
                    rsp instanceof Replicator.Changed<ORMultiMap<String, Integer>> c
                            ? c.dataValue() : ORMultiMap.emptyWithValueDeltas()));
        }
    }

    @Override
    public Receive<RouteIndexCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(AddRoutes.class, this::onAdd)
                .onMessage(RemoveRoutes.class, this::onRemove)
                .onMessage(WriteDone.class, this::onWriteDone)
                .onMessage(KeyChanged.class, this::onKeyChanged)
                .onMessage(RouteIndexCommand.ListRoutes.class, this::onListRoutes)
                .build();
    }

    private Behavior<RouteIndexCommand> onAdd(AddRoutes cmd) {
        Map<Integer, List<String>> byKey = groupByKey(cmd.filters());
        long writeId = nextWriteId++;
        pendingAdds.put(writeId, new PendingAdd(cmd.replyTo(), cmd.requestId(), byKey.size()));
        byKey.forEach((key, filters) -> write(key, filters, cmd.shard(), true, writeId));
        return this;
    }

    private Behavior<RouteIndexCommand> onRemove(RemoveRoutes cmd) {
        long writeId = nextWriteId++;
        groupByKey(cmd.filters()).forEach((key, filters) -> write(key, filters, cmd.shard(), false, writeId));
        return this;
    }

    private void write(int keyIndex, List<String> filters, int shard, boolean add, long writeId) {
        for (String f : filters) {
            view.writeStarted(f, shard, add);
        }
        // The modify function runs inside the replicator; the value it produced travels back
        // with the response so the view never goes back to a value older than its own write.
        AtomicReference<ORMultiMap<String, Integer>> written = new AtomicReference<>();
        Key<ORMultiMap<String, Integer>> key = keys.get(keyIndex);
        replicator.askUpdate(
                replyTo -> new Replicator.Update<>(key, ORMultiMap.emptyWithValueDeltas(), writeConsistency, replyTo,
                        current -> {
                            ORMultiMap<String, Integer> next = current;
                            for (String f : filters) {
                                next = add ? next.addBindingBy(f, shard, self) : next.removeBindingBy(f, shard, self);
                            }
                            written.set(next);
                            return next;
                        }),
                rsp -> new WriteDone(keyIndex, writeId, written.get(), rsp, filters, shard));
    }

    private Behavior<RouteIndexCommand> onWriteDone(WriteDone done) {
        ORMultiMap<String, Integer> value = merged.get(done.keyIndex());
        if (done.written() != null) {
            value = value.merge(done.written());
            merged.set(done.keyIndex(), value);
        }
        view.writeFinished(done.keyIndex(), done.filters(), done.shard(), value);
        boolean timedOut = !(done.response() instanceof Replicator.UpdateSuccess);
        if (timedOut) {
            metrics.increment(Counter.ROUTE_WRITE_TIMEOUTS);
            getContext().getLog().warn("event=route_write_incomplete key={} response={}", done.keyIndex(),
                    done.response().getClass().getSimpleName());
        }
        PendingAdd p = pendingAdds.get(done.writeId());
        if (p != null) {
            p.timedOut |= timedOut;
            if (--p.writesLeft == 0) {
                pendingAdds.remove(done.writeId());
                p.replyTo.tell(new RoutesAdded(p.requestId, p.timedOut));
            }
        }
        return this;
    }

    private Behavior<RouteIndexCommand> onKeyChanged(KeyChanged changed) {
        ORMultiMap<String, Integer> value = merged.get(changed.keyIndex()).merge(changed.value());
        merged.set(changed.keyIndex(), value);
        view.keyChanged(changed.keyIndex(), value);
        return this;
    }

    private Behavior<RouteIndexCommand> onListRoutes(RouteIndexCommand.ListRoutes q) {
        Map<String, java.util.Set<Integer>> page = new java.util.TreeMap<>();
        int[] total = {0};
        view.forEachRoute((filter, shards) -> {
            boolean match = q.topic() != null ? dev.murmur.protocol.topic.Topics.matches(filter, q.topic())
                    : q.filterPrefix() == null || filter.startsWith(q.filterPrefix());
            if (match) {
                total[0]++;
                page.put(filter, java.util.Set.copyOf(shards));
            }
        });
        Map<String, java.util.Set<Integer>> limited = new java.util.LinkedHashMap<>();
        page.entrySet().stream().limit(q.limit()).forEach(e -> limited.put(e.getKey(), e.getValue()));
        q.replyTo().tell(new RouteIndexCommand.RouteList(limited, total[0]));
        return this;
    }

    private static int keyIndexOf(String keyId) {
        return Integer.parseInt(keyId.substring(KEY_PREFIX.length()));
    }

    private Map<Integer, List<String>> groupByKey(List<String> filters) {
        Map<Integer, List<String>> byKey = new HashMap<>();
        for (String f : filters) {
            byKey.computeIfAbsent(view.keyOf(f), k -> new ArrayList<>()).add(f);
        }
        return byKey;
    }
}
