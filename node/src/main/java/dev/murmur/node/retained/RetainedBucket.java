package dev.murmur.node.retained;

import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.retained.RetainedCommand.Lookup;
import dev.murmur.node.retained.RetainedCommand.Put;
import dev.murmur.node.retained.RetainedCommand.PutConfirmed;
import dev.murmur.node.retained.RetainedEvent.RetainedCleared;
import dev.murmur.node.retained.RetainedEvent.RetainedSet;
import dev.murmur.node.retained.RetainedEvent.RetainedSnapshot;
import dev.murmur.node.routing.MessageExpiry;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.ConnectionOutput;
import dev.murmur.node.session.SessionCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One journaled bucket of retained messages: the topics whose hash falls into it, in a level tree
 * so wildcard lookups visit only matching branches. Buckets are sharded entities, so retained
 * messages are cluster-wide and survive a full restart. Like persistent sessions it commits in
 * groups: a burst of retained publishes costs one journal write, and nothing (lookup answers,
 * publisher confirmations) leaves the bucket before the write that covers it succeeded.
 */
public final class RetainedBucket extends EventSourcedBehavior<RetainedCommand, RetainedEvent, RetainedTree> {
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final double BACKOFF_JITTER = 0.2;

    private final ActorContext<RetainedCommand> ctx;
    private final BrokerMetrics metrics;
    private final int snapshotEvery;
    private final RetainedTree tree = new RetainedTree();
    private final List<RetainedEvent> pendingEvents = new ArrayList<>();
    private final List<Runnable> pendingEffects = new ArrayList<>();
    private boolean flushScheduled;
    private int eagerlyApplied;
    private int counted;

    public static Behavior<RetainedCommand> create(int bucket, BrokerMetrics metrics, int snapshotEvery) {
        return Behaviors.setup(ctx -> new RetainedBucket(ctx, bucket, metrics, snapshotEvery));
    }

    private RetainedBucket(ActorContext<RetainedCommand> ctx, int bucket, BrokerMetrics metrics, int snapshotEvery) {
        super(PersistenceId.of("retained", Integer.toString(bucket)),
                SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, BACKOFF_JITTER));
        this.ctx = ctx;
        this.metrics = metrics;
        this.snapshotEvery = snapshotEvery;
    }

    @Override
    public RetainedTree emptyState() {
        return tree;
    }

    @Override
    public CommandHandler<RetainedCommand, RetainedEvent, RetainedTree> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Put.class, (t, p) -> decide(p.message(), null))
                .onCommand(PutConfirmed.class, (t, p) -> decide(p.message(), () -> p.confirmTo().tell(
                        new ConnectionOutput.SessionConfirmed(p.handOffId(), RetainedStore.RETAINED_SHARD, p.attempt()))))
                .onCommand(Lookup.class, (t, l) -> lookup(l))
                .onCommand(RetainedCommand.Browse.class, (t, b) -> browse(b))
                .onCommand(RetainedCommand.Remove.class, (t, r) -> remove(r))
                .onCommand(RetainedCommand.Wake.class, (t, w) -> Effect().none())
                .onCommand(RetainedCommand.Flush.class, (t, f) -> {
                    flushScheduled = false;
                    return flush();
                })
                .build();
    }

    /** Applies a retained publish at once; it is journaled with the rest of its burst. */
    private Effect<RetainedEvent, RetainedTree> decide(RoutedMessage m, Runnable afterStored) {
        RetainedEvent e = m.payload().length == 0 ? new RetainedCleared(m.topic()) : new RetainedSet(m);
        apply(e);
        pendingEvents.add(e);
        if (afterStored != null) {
            pendingEffects.add(afterStored);
        }
        return scheduleFlush();
    }

    private Effect<RetainedEvent, RetainedTree> lookup(Lookup lookup) {
        List<RoutedMessage> found = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        long now = System.currentTimeMillis();
        tree.match(lookup.filter(), m -> {
            if (MessageExpiry.isExpired(m, now)) {
                expired.add(m.topic()); // MQTT-3.3.2-5: an expired retained message is not delivered
            } else {
                found.add(m);
            }
        });
        for (String topic : expired) {
            RetainedEvent e = new RetainedCleared(topic);
            apply(e);
            pendingEvents.add(e);
        }
        if (found.isEmpty()) {
            return expired.isEmpty() ? Effect().none() : scheduleFlush();
        }
        SessionCommand.RetainedFound answer = new SessionCommand.RetainedFound(found, lookup.maxQos(),
                lookup.subscriptionIdentifier());
        return reply(() -> lookup.replyTo().tell(answer));
    }

    /** Admin API: a page of matches and their total. */
    private Effect<RetainedEvent, RetainedTree> browse(RetainedCommand.Browse browse) {
        List<RoutedMessage> page = new ArrayList<>();
        int[] total = {0};
        tree.match(browse.filter(), m -> {
            total[0]++;
            if (page.size() < browse.limit()) {
                page.add(m);
            }
        });
        RetainedCommand.RetainedPage answer = new RetainedCommand.RetainedPage(List.copyOf(page), total[0]);
        return reply(() -> browse.replyTo().tell(answer));
    }

    /** Admin API: delete one topic's retained message; the answer follows the journal write. */
    private Effect<RetainedEvent, RetainedTree> remove(RetainedCommand.Remove remove) {
        int before = tree.size();
        RetainedEvent e = new RetainedCleared(remove.topic());
        apply(e);
        boolean existed = tree.size() < before;
        if (existed) {
            pendingEvents.add(e);
        }
        RetainedCommand.Removed answer = new RetainedCommand.Removed(remove.topic(), existed);
        return reply(() -> remove.replyTo().tell(answer));
    }

    /** Answers at once when nothing is pending, else after the write: never show what is not yet stored. */
    private Effect<RetainedEvent, RetainedTree> reply(Runnable answer) {
        if (pendingEvents.isEmpty()) {
            return Effect().none().thenRun(t -> answer.run());
        }
        pendingEffects.add(answer);
        return scheduleFlush();
    }

    private Effect<RetainedEvent, RetainedTree> scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.getSelf().tell(RetainedCommand.Flush.INSTANCE); // behind the burst already queued
        }
        return Effect().none();
    }

    private EffectBuilder<RetainedEvent, RetainedTree> flush() {
        List<RetainedEvent> events = List.copyOf(pendingEvents);
        List<Runnable> effects = List.copyOf(pendingEffects);
        pendingEvents.clear();
        pendingEffects.clear();
        eagerlyApplied += events.size();
        EffectBuilder<RetainedEvent, RetainedTree> effect = events.isEmpty() ? Effect().none()
                : Effect().persist(events);
        return effects.isEmpty() ? effect : effect.thenRun(t -> effects.forEach(Runnable::run));
    }

    private void apply(RetainedEvent e) {
        if (e instanceof RetainedSet s) {
            tree.put(s.message());
        } else if (e instanceof RetainedCleared c) {
            tree.remove(c.topic());
        }
        adjustGauge();
    }

    private void adjustGauge() {
        metrics.retainedCurrent().addAndGet(tree.size() - counted);
        counted = tree.size();
    }

    @Override
    public EventHandler<RetainedTree, RetainedEvent> eventHandler() {
        return (t, e) -> {
            if (eagerlyApplied > 0) {
                eagerlyApplied--;
            } else {
                apply(e); // recovery
            }
            return t;
        };
    }

    @Override
    public SignalHandler<RetainedTree> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), t -> adjustGauge())
                .onSignal(org.apache.pekko.actor.typed.PostStop.instance(), t -> {
                    metrics.retainedCurrent().addAndGet(-counted);
                    counted = 0;
                })
                .build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<RetainedTree> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(RetainedTree t) {
                List<RoutedMessage> all = new ArrayList<>(t.size());
                t.forEach(all::add);
                return new RetainedSnapshot(all);
            }

            @Override
            public RetainedTree fromJournal(Object from) {
                ((RetainedSnapshot) from).messages().forEach(tree::put);
                return tree;
            }
        };
    }
}
