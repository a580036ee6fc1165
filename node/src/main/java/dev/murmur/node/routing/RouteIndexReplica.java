package dev.murmur.node.routing;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.RouteIndexCommand.AddRoutes;
import dev.murmur.node.routing.RouteIndexCommand.KeyChanged;
import dev.murmur.node.routing.RouteIndexCommand.RemoveRoutes;
import dev.murmur.node.routing.RouteIndexCommand.RouteChange;
import dev.murmur.node.routing.RouteIndexCommand.WriteDone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
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
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * One per node: owns this node's writes to the replicated route index (Distributed Data
 * {@code ORMultiMap<filter, shard>} split over many keys) and keeps {@link LocalRouteView} in
 * line with every replicated change. "Subscribe means subscribed": {@link AddRoutes} is answered
 * only after every reachable node acknowledged the write (or the write timeout, counted).
 *
 * <p>Writes are batched per key: while one write of a key waits for every node's
 * acknowledgement, later changes of that key queue and leave together in the next write. WriteAll
 * sends the delta first, but the key's whole value to a node that refuses it (out of causal
 * order) or has not acknowledged after a fifth of the timeout, and every replicator applying a
 * change of an ORMultiMap with value deltas walks the key's whole map (Pekko filters its
 * tombstones on each merge): one write per key at a time keeps a burst of SUBSCRIBEs from costing
 * (changes x key size). The queue is bounded by the SUBSCRIBEs clients have in flight.
 *
 * <p>On the other nodes, a write's filters (not its keys) are synced into the view before the
 * SUBACK ({@link RouteIndexCommand.SyncRoutes}; the writer's side is {@link PendingSubscribes}, the
 * peers' {@link PeerSyncReads}): O(filters) per write; whole keys are diffed only on the resync timer.
 */
public final class RouteIndexReplica extends AbstractBehavior<RouteIndexCommand> {
    private static final String KEY_PREFIX = "murmur-routes-";
    private static final ServiceKey<RouteIndexCommand> SERVICE = ServiceKey.create(RouteIndexCommand.class,
            "murmur-route-index");

    /**
     * Told directly, answers through message adapters, no ask: the ReplicatorMessageAdapter's ask
     * throws when the replicator does not answer within its unexpected-ask timeout (a replicator
     * backlogged by a subscribe burst), which stopped this actor and every later route write; and
     * the Java ask completes through CompletableFuture's async pool, a new thread per answer on a
     * two-core machine. A late answer is now just late. Answers are matched by key: one write per
     * key is in flight, and local reads of one key are answered in the order they were asked.
     * Nor does this actor subscribe to its keys: the replicator computes the digest of a
     * subscribed key (serializing and compressing its whole value) on its first change after each
     * notification round, which in a burst cost O(index size) per notify-subscribers-interval; the
     * keys are read (a message, no copy) on the resync timer instead.
     */
    private final ActorRef<Replicator.Command> replicatorRef;
    private final ActorRef<Replicator.GetResponse<ORMultiMap<String, Integer>>> readReplies;
    private final ActorRef<Replicator.UpdateResponse<ORMultiMap<String, Integer>>> writeReplies;
    /** Per key, what to make of each local read's answer, in the order the reads were sent. */
    private final List<java.util.ArrayDeque<java.util.function.Function<
            Replicator.GetResponse<ORMultiMap<String, Integer>>, RouteIndexCommand>>> pendingReads = new ArrayList<>();
    /** Per key, the write in flight: its changes and the value its modify function produced. */
    private final List<List<RouteChange>> writing = new ArrayList<>();
    private final List<AtomicReference<ORMultiMap<String, Integer>>> writtenValues = new ArrayList<>();
    private final SelfUniqueAddress self;
    private final LocalRouteView view;
    private final List<Key<ORMultiMap<String, Integer>>> keys = new ArrayList<>();
    private final Replicator.WriteConsistency writeConsistency;
    private final BrokerMetrics metrics;
    /** Per key, changes waiting for the key's write in flight to finish. */
    private final List<List<RouteChange>> queued = new ArrayList<>();
    private final boolean[] inFlight;
    /** Per key, a resync read not answered yet: a backlogged replicator gets no second one (bounded reads). */
    private final boolean[] resyncPending;
    private long nextWriteId;
    /**
     * Measured on 3 nodes (docs/scaling.md): the fill rate held at ~120 routes per key (1 M over
     * 8 192 keys) and collapsed past ~200 (1 024 keys); warn past 250, advise 120.
     */
    private static final int ROUTES_PER_KEY_WARNING = 250;
    private static final int ROUTES_PER_KEY_TARGET = 120;
    private boolean keysWarned;

    /** The reads this node does for other nodes' syncs, and the AddRoutes waiting for theirs. */
    private final PeerSyncReads peerReads;
    private final PendingSubscribes subscribes;
    private final RouteIndexLoad load;

    /** The actor and the view it maintains, created together. */
    public record Handle(Behavior<RouteIndexCommand> behavior, RouteIndex view) {
    }

    /** How often keys that changed are diffed whole into the view unless told otherwise. */
    public static final Duration DEFAULT_RESYNC_INTERVAL = Duration.ofSeconds(1);

    /** A replica on Pekko's shared replicator, resyncing every second (tests). */
    public static Handle create(int keyCount, Duration writeTimeout, BrokerMetrics metrics) {
        return create(keyCount, writeTimeout, DEFAULT_RESYNC_INTERVAL, null, metrics);
    }

    /**
     * {@code resyncInterval}: how often keys whose replicated value changed are diffed whole into
     * the view; syncs between nodes refresh the written filters at once, this catches the rest.
     * {@code replicator}: the Distributed Data replicator holding the keys, started at the same
     * path on every node; null for Pekko's shared one.
     */
    public static Handle create(int keyCount, Duration writeTimeout, Duration resyncInterval,
                                ActorRef<Replicator.Command> replicator, BrokerMetrics metrics) {
        LocalRouteView view = new LocalRouteView(keyCount);
        Behavior<RouteIndexCommand> behavior = Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new RouteIndexCommand.ResyncTick(), resyncInterval);
            ActorRef<Replicator.Command> ref = replicator != null ? replicator
                    : DistributedData.get(ctx.getSystem()).replicator();
            return new RouteIndexReplica(ctx, view, keyCount, writeTimeout, ref, metrics);
        }));
        return new Handle(behavior, view);
    }

    private RouteIndexReplica(ActorContext<RouteIndexCommand> ctx, LocalRouteView view, int keyCount,
                              Duration writeTimeout, ActorRef<Replicator.Command> replicator, BrokerMetrics metrics) {
        super(ctx);
        this.replicatorRef = replicator;
        this.readReplies = ctx.messageAdapter(GET_RESPONSE, RouteIndexCommand.KeyRead::new);
        this.writeReplies = ctx.messageAdapter(UPDATE_RESPONSE, RouteIndexCommand.KeyWritten::new);
        this.self = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
        this.view = view;
        this.peerReads = new PeerSyncReads(view, this::readLocal);
        this.metrics = metrics;
        this.writeConsistency = new Replicator.WriteAll(writeTimeout);
        this.inFlight = new boolean[keyCount];
        this.resyncPending = new boolean[keyCount];
        this.subscribes = new PendingSubscribes(ctx, metrics, writeTimeout);
        this.load = new RouteIndexLoad(ctx, view, replicator, keys, RouteIndexReplica::keyIndexOf, writeTimeout);
        ActorRef<SelfUp> up = ctx.messageAdapter(SelfUp.class, u -> new RouteIndexCommand.SelfIsUp());
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(up, SelfUp.class));
        ctx.getSystem().receptionist().tell(Receptionist.register(SERVICE, ctx.getSelf()));
        ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class,
                l -> new RouteIndexCommand.Peers(l.getServiceInstances(SERVICE)));
        ctx.getSystem().receptionist().tell(Receptionist.subscribe(SERVICE, listings));
        for (int i = 0; i < keyCount; i++) {
            Key<ORMultiMap<String, Integer>> key = ORMultiMapKey.create(KEY_PREFIX + i);
            keys.add(key);
            queued.add(new ArrayList<>());
            pendingReads.add(new java.util.ArrayDeque<>());
            writing.add(List.of());
            writtenValues.add(new AtomicReference<>());
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
                .onMessage(RouteIndexCommand.Peers.class, listing -> {
                    subscribes.peers(listing);
                    return this;
                })
                .onMessage(RouteIndexCommand.SyncKeys.class, sync -> {
                    peerReads.onSyncKeys(sync);
                    return this;
                })
                .onMessage(RouteIndexCommand.KeysSynced.class, synced -> {
                    subscribes.synced(synced);
                    return this;
                })
                .onMessage(RouteIndexCommand.SyncTimedOut.class, t -> {
                    subscribes.syncTimedOut(t);
                    return this;
                })
                .onMessage(RouteIndexCommand.SyncRoutes.class, sync -> {
                    peerReads.onSyncRoutes(sync);
                    return this;
                })
                .onMessage(RouteIndexCommand.ResyncTick.class, this::onResyncTick)
                .onMessage(RouteIndexCommand.LoadAll.class, l -> {
                    load.requested(l.replyTo());
                    return this;
                })
                .onMessage(RouteIndexCommand.SelfIsUp.class, u -> {
                    load.selfUp();
                    return this;
                })
                .onMessage(RouteIndexCommand.KeyLoaded.class, l -> {
                    load.keyLoaded(l);
                    return this;
                })
                .onMessage(RouteIndexCommand.KeyRead.class, this::onKeyRead)
                .onMessage(RouteIndexCommand.KeyWritten.class, this::onKeyWritten)
                .build();
    }

    private Behavior<RouteIndexCommand> onAdd(AddRoutes cmd) {
        Map<Integer, List<String>> byKey = groupByKey(cmd.filters());
        long writeId = nextWriteId++;
        subscribes.started(writeId, cmd.replyTo(), cmd.requestId(), byKey.size(), cmd.filters());
        byKey.forEach((key, filters) -> write(key, filters, cmd.shard(), true, writeId));
        return this;
    }

    private Behavior<RouteIndexCommand> onRemove(RemoveRoutes cmd) {
        long writeId = nextWriteId++;
        groupByKey(cmd.filters()).forEach((key, filters) -> write(key, filters, cmd.shard(), false, writeId));
        return this;
    }

    private void write(int keyIndex, List<String> filters, int shard, boolean add, long writeId) {
        List<RouteChange> queue = queued.get(keyIndex);
        for (String f : filters) {
            view.writeStarted(f, shard, add);
            queue.add(new RouteChange(f, shard, add, writeId));
        }
        if (!inFlight[keyIndex]) {
            flush(keyIndex);
        }
    }

    /** Sends every queued change of one key as one replicator write. */
    private void flush(int keyIndex) {
        List<RouteChange> changes = queued.get(keyIndex);
        if (changes.isEmpty()) {
            return;
        }
        queued.set(keyIndex, new ArrayList<>());
        inFlight[keyIndex] = true;
        // The modify function runs inside the replicator; the value it produced travels back
        // with the response so the view never goes back to a value older than its own write.
        AtomicReference<ORMultiMap<String, Integer>> written = new AtomicReference<>();
        Key<ORMultiMap<String, Integer>> key = keys.get(keyIndex);
        writing.set(keyIndex, changes);
        writtenValues.set(keyIndex, written);
        replicatorRef.tell(new Replicator.Update<>(key, ORMultiMap.emptyWithValueDeltas(), writeConsistency,
                writeReplies, current -> {
                            ORMultiMap<String, Integer> next = current;
                            for (RouteChange c : changes) {
                                next = c.add() ? next.addBindingBy(c.filter(), c.shard(), self)
                                        : next.removeBindingBy(c.filter(), c.shard(), self);
                            }
                            written.set(next);
                            return next;
                        }));
    }

    private Behavior<RouteIndexCommand> onKeyWritten(RouteIndexCommand.KeyWritten w) {
        int keyIndex = keyIndexOf(w.response().key().id());
        return onWriteDone(new WriteDone(keyIndex, writtenValues.get(keyIndex).get(), w.response(),
                writing.get(keyIndex)));
    }

    private Behavior<RouteIndexCommand> onKeyRead(RouteIndexCommand.KeyRead r) {
        var then = pendingReads.get(keyIndexOf(r.response().key().id())).poll();
        if (then == null) {
            return this;
        }
        // Handled here, not told to self: no extra mailbox hop for an internal message.
        RouteIndexCommand next = then.apply(r.response());
        if (next instanceof RouteIndexCommand.RoutesRead read) {
            peerReads.onRoutesRead(read);
        } else if (next instanceof RouteIndexCommand.LocalRead read) {
            peerReads.onLocalRead(read);
        } else if (next instanceof KeyChanged change) {
            return onKeyChanged(change);
        }
        return this;
    }

    private static int keyIndexOf(String keyId) {
        return Integer.parseInt(keyId.substring(KEY_PREFIX.length()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Replicator.UpdateResponse<ORMultiMap<String, Integer>>> UPDATE_RESPONSE =
            (Class) Replicator.UpdateResponse.class;
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Replicator.GetResponse<ORMultiMap<String, Integer>>> GET_RESPONSE =
            (Class) Replicator.GetResponse.class;

    /** Reads one key from this node's replicator; {@code toMessage} turns the answer into a message to self. */
    private void readLocal(int keyIndex,
                           java.util.function.Function<Replicator.GetResponse<ORMultiMap<String, Integer>>,
                                   RouteIndexCommand> toMessage) {
        pendingReads.get(keyIndex).add(toMessage);
        replicatorRef.tell(new Replicator.Get<>(keys.get(keyIndex), Replicator.readLocal(), readReplies));
    }

    private Behavior<RouteIndexCommand> onWriteDone(WriteDone done) {
        List<String> removed = new ArrayList<>();
        for (RouteChange c : done.changes()) {
            view.writeFinished(done.keyIndex(), List.of(c.filter()), c.shard(), done.written());
            if (!c.add()) {
                removed.add(c.filter());
            }
        }
        if (!removed.isEmpty()) {
            // Nobody waits for a remove, but peers' views drop the route now instead of at their next resync.
            subscribes.tellReachablePeers(new RouteIndexCommand.SyncRoutes(removed, -1, getContext().getSelf()));
        }
        boolean timedOut = !(done.response() instanceof Replicator.UpdateSuccess);
        if (timedOut) {
            metrics.increment(Counter.ROUTE_WRITE_TIMEOUTS);
            getContext().getLog().warn("event=route_write_incomplete key={} changes={} response={}", done.keyIndex(),
                    done.changes().size(), done.response().getClass().getSimpleName());
        }
        // An AddRoutes queues all of its filters of one key together, so each write id appears in
        // one write per key: count it once.
        long last = -1;
        for (RouteChange c : done.changes()) {
            if (c.writeId() != last) {
                last = c.writeId();
                subscribes.writeDone(c.writeId(), timedOut);
            }
        }
        inFlight[done.keyIndex()] = false;
        flush(done.keyIndex());
        return this;
    }

    /** A key's value read on the resync timer: kept if newer, then the key is diffed (O(key size) if it changed). */
    private Behavior<RouteIndexCommand> onKeyChanged(KeyChanged change) {
        resyncPending[change.keyIndex()] = false;
        if (change.value() == null) {
            view.resync(change.keyIndex()); // never written: still refresh what was touched
            return this;
        }
        view.keyChanged(change.keyIndex(), change.value());
        return this;
    }

    /** Reads every key from the local replicator; an unchanged key comes back as the instance already held. */
    private Behavior<RouteIndexCommand> onResyncTick(RouteIndexCommand.ResyncTick tick) {
        warnIfKeysTooFew();
        for (int k = 0; k < keys.size(); k++) {
            if (resyncPending[k]) {
                continue; // the last tick's read of this key is still queued at the replicator
            }
            resyncPending[k] = true;
            int keyIndex = k;
            readLocal(keyIndex, rsp -> rsp instanceof Replicator.GetSuccess<ORMultiMap<String, Integer>> ok
                    ? new KeyChanged(keyIndex, ok.dataValue())
                    : new KeyChanged(keyIndex, null));
        }
        return this;
    }

    /** Once per node life: the index outgrew its key count (the replicator's per-write work grows with key size). */
    private void warnIfKeysTooFew() {
        int routes = view.size();
        if (!keysWarned && routes > (long) keys.size() * ROUTES_PER_KEY_WARNING) {
            keysWarned = true;
            getContext().getLog().warn("event=route_index_keys_too_few routes={} keys={} routes_per_key={} "
                    + "advice=\"set murmur.routing.route-index-keys to at least routes/{} at the next full-cluster "
                    + "restart, docs/scaling.md\"", routes, keys.size(), routes / keys.size(), ROUTES_PER_KEY_TARGET);
        }
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

    private Map<Integer, List<String>> groupByKey(List<String> filters) {
        Map<Integer, List<String>> byKey = new HashMap<>();
        for (String f : filters) {
            byKey.computeIfAbsent(view.keyOf(f), k -> new ArrayList<>()).add(f);
        }
        return byKey;
    }
}
