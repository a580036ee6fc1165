package dev.murmur.node.durable;

import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.persistence.serialization.MurmurSerializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard hub that recovers its filter table: before the in-memory {@code ShardHub} handles
 * anything, it replays the durable subscriptions of its shard from the {@link SessionDirectory}
 * (which also re-adds their routes to the route index), then the messages that arrived meanwhile.
 * Start-up wakes every hub and waits for {@link Ready} so no publish is routed by an index that
 * does not yet know the persistent sessions' subscriptions.
 */
public final class DurableHub {
    private static final Logger LOG = LoggerFactory.getLogger(DurableHub.class);

    /** Start-up asks every hub to recover; {@code replyTo} hears {@link Ready} once its routes are written. */
    public record Wake(ActorRef<Ready> replyTo) implements ShardMessage {
    }

    /** The hub of {@code shard} has its durable subscriptions and their routes. */
    public record Ready(int shard, int durableClients) implements MurmurSerializable {
    }

    private DurableHub() {
    }

    /**
     * Wraps {@code hub}; messages arriving during recovery are held (at most {@code earlyLimit},
     * beyond which they are dropped and logged, like the sharding buffer they extend).
     */
    public static Behavior<ShardMessage> create(int shard, RecipientRef<ShardMessage> directory,
                                                Behavior<ShardMessage> hub, int earlyLimit) {
        return Behaviors.setup(ctx -> Behaviors.withStash(Integer.MAX_VALUE, stash -> {
            directory.tell(new DirectoryCommand.Replay(ctx.getSelf()));
            ArrayDeque<ShardMessage> early = new ArrayDeque<>();
            return Behaviors.receive(ShardMessage.class)
                    .onMessage(DurableReply.Replayed.class, r -> recovered(ctx, stash, shard, r.subscriptions(), early,
                            hub))
                    .onMessageEquals(SessionCommand.Stop.INSTANCE, () -> {
                        // The shard hands off while this hub recovers: its directory stops with it and
                        // will never answer, so waiting would hold the hand-off for handoff-timeout.
                        // Nothing is lost: subscriptions are in the directory's journal, and QoS 1/2
                        // envelopes held here are re-sent by their publishers (hand-off retry).
                        LOG.info("event=hub_stopped_recovering shard={} held={}", shard, early.size());
                        return Behaviors.stopped();
                    })
                    .onAnyMessage(m -> {
                        if (early.size() < earlyLimit) {
                            early.addLast(m);
                        } else {
                            LOG.warn("event=hub_recovery_buffer_full shard={} dropped={}", shard,
                                    m.getClass().getSimpleName());
                        }
                        return Behaviors.same();
                    })
                    .build();
        }));
    }

    /** Replayed subscriptions first (one batch per client), then what arrived while recovering. */
    private static Behavior<ShardMessage> recovered(ActorContext<ShardMessage> ctx, StashBuffer<ShardMessage> stash,
                                                    int shard, Map<String, List<HubSubscription>> subscriptions,
                                                    ArrayDeque<ShardMessage> early, Behavior<ShardMessage> hub) {
        ActorRef<SessionCommand> fed = ctx.messageAdapter(SessionCommand.class, c -> DurableReply.HubFed.INSTANCE);
        int batches = 0;
        for (Map.Entry<String, List<HubSubscription>> e : subscriptions.entrySet()) {
            if (!e.getValue().isEmpty()) {
                stash.stash(new HubCommand.RestoreSubscriptions(e.getKey(), e.getValue(), fed));
                batches++;
            }
        }
        early.forEach(stash::stash);
        early.clear();
        LOG.debug("event=hub_recovered shard={} durable_clients={}", shard, subscriptions.size());
        ReadyGate gate = new ReadyGate(shard, subscriptions.size(), batches);
        return stash.unstashAll(Behaviors.intercept(() -> gate, hub));
    }

    /** Answers {@link Wake} once every replayed batch reported its routes written. */
    private static final class ReadyGate extends BehaviorInterceptor<ShardMessage, ShardMessage> {
        private final int shard;
        private final int clients;
        private final List<ActorRef<Ready>> waiting = new ArrayList<>();
        private int pending;

        ReadyGate(int shard, int clients, int pending) {
            super(ShardMessage.class);
            this.shard = shard;
            this.clients = clients;
            this.pending = pending;
        }

        @Override
        public Behavior<ShardMessage> aroundReceive(TypedActorContext<ShardMessage> ctx, ShardMessage msg,
                                                    ReceiveTarget<ShardMessage> target) {
            if (msg == DurableReply.HubFed.INSTANCE) {
                if (--pending == 0) {
                    waiting.forEach(w -> w.tell(new Ready(shard, clients)));
                    waiting.clear();
                }
                return Behaviors.same();
            }
            if (msg instanceof Wake w) {
                if (pending <= 0) {
                    w.replyTo().tell(new Ready(shard, clients));
                } else {
                    waiting.add(w.replyTo());
                }
                return Behaviors.same();
            }
            return target.apply(ctx, msg);
        }
    }
}
