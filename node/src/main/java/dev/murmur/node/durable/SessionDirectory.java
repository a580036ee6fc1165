package dev.murmur.node.durable;

import dev.murmur.node.durable.DirectoryCommand.ForgetSubscriptions;
import dev.murmur.node.durable.DirectoryCommand.IsDurable;
import dev.murmur.node.durable.DirectoryCommand.RecordSubscriptions;
import dev.murmur.node.durable.DirectoryCommand.Register;
import dev.murmur.node.durable.DirectoryCommand.Replay;
import dev.murmur.node.durable.DirectoryCommand.Unregister;
import dev.murmur.node.durable.DirectoryEvent.ClientRegistered;
import dev.murmur.node.durable.DirectoryEvent.ClientUnregistered;
import dev.murmur.node.durable.DirectoryEvent.DirectorySnapshot;
import dev.murmur.node.durable.DirectoryEvent.SubscriptionsForgotten;
import dev.murmur.node.durable.DirectoryEvent.SubscriptionsRecorded;
import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.slf4j.Logger;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import java.util.function.Function;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The journaled directory of one shard: which client ids are persistent sessions, and their
 * subscriptions. It lets a restarted shard hub get its filter table back without waking every
 * session (a hub asks for a {@link DirectoryCommand.Replay}), and a starting session entity learn
 * whether it has a journal to recover, without a database read for clean sessions.
 */
public final class SessionDirectory extends EventSourcedBehavior<ShardMessage, DirectoryEvent, SessionDirectory.State> {
    private static final Logger LOG = LoggerFactory.getLogger(SessionDirectory.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final double BACKOFF_JITTER = 0.2;

    private final RecipientRef<ShardMessage> hub;
    private final int snapshotEvery;
    private final Function<String, RecipientRef<ShardMessage>> sessions;

    /** Client id to its subscriptions by filter; mutated only by the event handler. */
    public static final class State {
        final Map<String, Map<String, HubSubscription>> clients = new LinkedHashMap<>();
        /** Persistent sessions with a connection attached or a will waiting for its delay, as last journaled. */
        final Set<String> online = new LinkedHashSet<>();

        void apply(DirectoryEvent e) {
            if (e instanceof ClientRegistered r) {
                clients.computeIfAbsent(r.clientId(), c -> new LinkedHashMap<>());
            } else if (e instanceof ClientUnregistered u) {
                clients.remove(u.clientId());
                online.remove(u.clientId());
            } else if (e instanceof DirectoryEvent.ClientOnline o) {
                online.add(o.clientId());
            } else if (e instanceof DirectoryEvent.ClientOffline o) {
                online.remove(o.clientId());
            } else if (e instanceof SubscriptionsRecorded rec) {
                Map<String, HubSubscription> subs = clients.computeIfAbsent(rec.clientId(), c -> new LinkedHashMap<>());
                rec.subscriptions().forEach(s -> subs.put(s.filter(), s));
            } else if (e instanceof SubscriptionsForgotten f) {
                Map<String, HubSubscription> subs = clients.get(f.clientId());
                if (subs != null) {
                    f.filters().forEach(subs::remove);
                }
            }
        }

        Map<String, List<HubSubscription>> copy() {
            Map<String, List<HubSubscription>> copy = new LinkedHashMap<>();
            clients.forEach((c, subs) -> copy.put(c, List.copyOf(subs.values())));
            return copy;
        }

        int size() {
            return clients.size();
        }
    }

    public static Behavior<ShardMessage> create(int shard, RecipientRef<ShardMessage> hub, int snapshotEvery,
                                                Function<String, RecipientRef<ShardMessage>> sessions) {
        return new SessionDirectory(shard, hub, snapshotEvery, sessions);
    }

    private SessionDirectory(int shard, RecipientRef<ShardMessage> hub, int snapshotEvery,
                             Function<String, RecipientRef<ShardMessage>> sessions) {
        super(PersistenceId.of("directory", Integer.toString(shard)),
                SupervisorStrategy.restartWithBackoff(MIN_BACKOFF, MAX_BACKOFF, BACKOFF_JITTER));
        this.hub = hub;
        this.snapshotEvery = snapshotEvery;
        this.sessions = sessions;
    }

    /**
     * Recovered: sessions that had a connection or a running will delay when this directory's
     * last incarnation ended are started, so that one whose connection died with that node, or
     * whose will was waiting, publishes its will even if the client never comes back (a
     * connection that lives on re-attaches and nothing changes).
     */
    @Override
    public SignalHandler<State> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), st -> {
                    st.online.forEach(clientId -> sessions.apply(clientId).tell(SessionCommand.WakeUp.INSTANCE));
                    if (!st.online.isEmpty()) {
                        LOG.info("event=directory_woke_sessions sessions={}", st.online.size());
                    }
                })
                .build();
    }

    @Override
    public State emptyState() {
        return new State();
    }

    @Override
    public CommandHandler<ShardMessage, DirectoryEvent, State> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(IsDurable.class, (s, c) -> Effect().none().thenRun(st ->
                        c.replyTo().tell(new DurableReply.DirectoryAnswer(st.clients.containsKey(c.clientId())))))
                .onCommand(Register.class, this::onRegister)
                .onCommand(Unregister.class, this::onUnregister)
                .onCommand(RecordSubscriptions.class, (s, c) -> Effect()
                        .persist(new SubscriptionsRecorded(c.add().clientId(), c.add().subscriptions()))
                        .thenRun(st -> hub.tell(c.add())))
                .onCommand(ForgetSubscriptions.class, (s, c) -> Effect()
                        .persist(new SubscriptionsForgotten(c.remove().clientId(), c.remove().filters()))
                        .thenRun(st -> hub.tell(c.remove())))
                .onCommand(DirectoryCommand.MarkOnline.class, this::onMarkOnline)
                .onCommand(Replay.class, (s, c) -> Effect().none().thenRun(st ->
                        c.replyTo().tell(new DurableReply.Replayed(st.copy()))))
                .onCommand(SessionCommand.Stop.class, (s, c) -> Effect().stop())
                .build();
    }

    private Effect<DirectoryEvent, State> onRegister(State s, Register c) {
        if (s.clients.containsKey(c.clientId())) {
            return Effect().none().thenRun(st -> c.replyTo().tell(DurableReply.Registered.INSTANCE));
        }
        return Effect().persist(new ClientRegistered(c.clientId()))
                .thenRun(st -> c.replyTo().tell(DurableReply.Registered.INSTANCE));
    }

    private Effect<DirectoryEvent, State> onMarkOnline(State s, DirectoryCommand.MarkOnline c) {
        if (s.online.contains(c.clientId()) == c.online() || !s.clients.containsKey(c.clientId())) {
            return Effect().none();
        }
        return Effect().persist(c.online() ? new DirectoryEvent.ClientOnline(c.clientId())
                : new DirectoryEvent.ClientOffline(c.clientId()));
    }

    private Effect<DirectoryEvent, State> onUnregister(State s, Unregister c) {
        Map<String, HubSubscription> subs = s.clients.get(c.clientId());
        if (subs == null) {
            return Effect().none().thenRun(st -> c.replyTo().tell(DurableReply.Unregistered.INSTANCE));
        }
        List<String> left = new ArrayList<>(subs.keySet());
        return Effect().persist(new ClientUnregistered(c.clientId())).thenRun(st -> {
            if (!left.isEmpty()) {
                hub.tell(new HubCommand.RemoveSubscriptions(c.clientId(), left)); // nothing may outlive the session
            }
            c.replyTo().tell(DurableReply.Unregistered.INSTANCE);
        });
    }

    @Override
    public EventHandler<State, DirectoryEvent> eventHandler() {
        return (state, event) -> {
            state.apply(event);
            return state;
        };
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
    }

    @Override
    public SnapshotAdapter<State> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(State state) {
                // a copy: the journal writes it asynchronously
                return new DirectorySnapshot(state.copy(), List.copyOf(state.online));
            }

            @Override
            public State fromJournal(Object from) {
                State s = new State();
                ((DirectorySnapshot) from).clients().forEach((c, subs) -> {
                    Map<String, HubSubscription> m = new LinkedHashMap<>();
                    subs.forEach(h -> m.put(h.filter(), h));
                    s.clients.put(c, m);
                });
                if (((DirectorySnapshot) from).online() != null) {
                    s.online.addAll(((DirectorySnapshot) from).online());
                }
                return s;
            }
        };
    }
}
