package dev.murmur.node.durable;

import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.SessionEntity;
import dev.murmur.node.session.SessionEvent;
import dev.murmur.node.session.SessionSnapshot;
import dev.murmur.node.session.SessionState;
import dev.murmur.node.session.ShardMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.SnapshotFailed;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A persistent MQTT session (v5 session expiry > 0, 3.x clean session = 0) as an event-sourced
 * entity. The session logic is the same {@link SessionEntity} clean sessions run; here each
 * command's {@link SessionEvent}s are journaled in one write and its side effects (PUBLISH to the
 * client, SUBACK, confirmations) run only once that write succeeded. While a write is in flight
 * Pekko stashes further commands, so no command ever sees state the journal might lose.
 * When the session ends, its journal and snapshots are deleted and it leaves the directory.
 */
public final class PersistentSession extends EventSourcedBehavior<ShardMessage, SessionEvent, SessionState> {
    private static final Logger LOG = LoggerFactory.getLogger(PersistentSession.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final double BACKOFF_JITTER = 0.2;

    private final String clientId;
    private final Durability durability;
    private final ActorContext<ShardMessage> ctx;
    private final ActorRef<ClusterSharding.ShardCommand> shard;
    private final SessionState state = new SessionState();
    private final DurableMode mode;
    private final SessionEntity logic;
    private final Receive<ShardMessage> receive;
    /** Events the command handler already applied; the event handler skips them (it applies replays only). */
    private int eagerlyApplied;
    private boolean recoveredAny;
    private boolean ending;
    /** Group commit: events and effects of the commands handled since the last write. */
    private final List<SessionEvent> pendingEvents = new ArrayList<>();
    private final List<Runnable> pendingEffects = new ArrayList<>();
    private boolean flushScheduled;

    static Behavior<ShardMessage> create(String clientId, Durability durability,
                                         ActorRef<ClusterSharding.ShardCommand> shard) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new PersistentSession(ctx, timers, clientId, durability, shard)));
    }

    private PersistentSession(ActorContext<ShardMessage> ctx, TimerScheduler<ShardMessage> timers, String clientId,
                              Durability durability, ActorRef<ClusterSharding.ShardCommand> shard) {
        super(PersistenceId.of("session", clientId),
                SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, BACKOFF_JITTER));
        this.clientId = clientId;
        this.durability = durability;
        this.ctx = ctx;
        this.shard = shard;
        this.mode = new DurableMode(clientId, durability.directoryFor(clientId),
                () -> state.online() || state.will() != null);
        this.logic = SessionEntity.embedded(ctx, clientId, durability.services(), shard, timers, state, mode);
        this.receive = logic.createReceive();
    }

    @Override
    public SessionState emptyState() {
        return state;
    }

    @Override
    public CommandHandler<ShardMessage, SessionEvent, SessionState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState().onAnyCommand(this::handle);
    }

    /**
     * Runs the session logic on one command. Its events are already applied to the state (commands
     * handled meanwhile see them) but are journaled by a later {@link DurableReply.Flush}, together
     * with those of every command that arrived in between: one write per batch, not per message,
     * while nothing of any of them becomes visible outside before that write succeeded.
     */
    private Effect<SessionEvent, SessionState> handle(SessionState s, ShardMessage command) {
        if (ending) {
            return whileEnding(command);
        }
        if (command == DurableReply.Flush.INSTANCE) {
            flushScheduled = false;
            return flush();
        }
        Behavior<ShardMessage> next = run(command);
        pendingEvents.addAll(mode.drainEvents());
        pendingEffects.addAll(mode.drainEffects());
        if (next == Behaviors.<ShardMessage>stopped()) {
            return flush().thenStop();
        }
        if (mode.ending()) {
            ending = true;
            return flush().thenRun(st -> durability.purge(clientId, ctx.getSelf()));
        }
        if (!flushScheduled && !(pendingEvents.isEmpty() && pendingEffects.isEmpty())) {
            flushScheduled = true;
            ctx.getSelf().tell(DurableReply.Flush.INSTANCE); // after what is already in the mailbox
        }
        return Effect().none();
    }

    /** Journals the pending events in one write, then runs the pending effects in order. */
    private EffectBuilder<SessionEvent, SessionState> flush() {
        List<SessionEvent> events = List.copyOf(pendingEvents);
        List<Runnable> effects = List.copyOf(pendingEffects);
        pendingEvents.clear();
        pendingEffects.clear();
        eagerlyApplied += events.size();
        if (events.isEmpty()) {
            return effects.isEmpty() ? Effect().none() : Effect().none().thenRun(st -> effects.forEach(Runnable::run));
        }
        long startMicros = System.nanoTime() / 1_000;
        return Effect().persist(events).thenRun(st -> {
            durability.services().metrics().journalWriteLatency().observeMicros(System.nanoTime() / 1_000 - startMicros);
            effects.forEach(Runnable::run);
        });
    }

    /** The session logic's handling of one command (its handlers throw nothing checked). */
    private Behavior<ShardMessage> run(ShardMessage command) {
        try {
            return receive.receive(ctx, command);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The session ended: purge the journal, leave the directory, then passivate. Attaches that come
     * meanwhile are re-sent through sharding when the entity stops, so they reach its successor.
     */
    private Effect<SessionEvent, SessionState> whileEnding(ShardMessage command) {
        if (command instanceof SessionCommand.Attach a) {
            mode.handedOver().add(a);
        } else if (command == DurableReply.Purged.INSTANCE) {
            return Effect().none().thenRun(st -> durability.directoryFor(clientId)
                    .tell(new DirectoryCommand.Unregister(clientId, ctx.getSelf())));
        } else if (command == DurableReply.Unregistered.INSTANCE) {
            return Effect().none().thenRun(st -> shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf())));
        } else if (command instanceof SessionCommand.GetInfo || command instanceof SessionCommand.Discard) {
            run(command); // the admin API hears that the session no longer exists
            mode.drainEvents();
            mode.drainEffects(); // nothing more to journal or do: the session is going
        } else if (command == SessionCommand.Stop.INSTANCE) {
            return Effect().none().thenRun(st -> mode.handedOver().forEach(a ->
                    durability.services().session(clientId).tell(a))).thenStop();
        }
        return Effect().none(); // the session is gone: deliveries and acks for it are void
    }

    @Override
    public EventHandler<SessionState, SessionEvent> eventHandler() {
        return (st, event) -> {
            if (eagerlyApplied > 0) {
                eagerlyApplied--;
            } else {
                st.apply(event); // recovery
                recoveredAny = true;
            }
            return st;
        };
    }

    @Override
    public SignalHandler<SessionState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), st -> {
                    logic.recovered(recoveredAny);
                    LOG.debug("event=session_recovered client_id={} existed={}", clientId, recoveredAny);
                })
                .onSignal(SnapshotFailed.class, (st, failed) -> durability.journalFailure("snapshot", clientId,
                        failed.getFailure()))
                .onSignal(RecoveryFailed.class, (st, failed) -> durability.journalFailure("recovery", clientId,
                        failed.getFailure()))
                .build();
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(durability.settings().snapshotEvery(), 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<SessionState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(SessionState st) {
                return st.snapshot();
            }

            @Override
            public SessionState fromJournal(Object from) {
                state.restore((SessionSnapshot) from);
                recoveredAny = true;
                return state;
            }
        };
    }
}
