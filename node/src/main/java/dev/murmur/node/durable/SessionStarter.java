package dev.murmur.node.durable;

import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.ShardMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a session entity starts when persistence is on: it asks its shard's directory whether the
 * client id is a persistent session, holding messages meanwhile, then becomes a journaled
 * {@link PersistentSession} (which recovers) or a clean in-memory session (no database read).
 * A clean session that receives a persistent CONNECT registers first and then becomes persistent.
 */
final class SessionStarter {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStarter.class);

    private SessionStarter() {
    }

    static Behavior<ShardMessage> create(String clientId, Durability d, ActorRef<ClusterSharding.ShardCommand> shard) {
        return Behaviors.setup(ctx -> Behaviors.withStash(d.startStashCapacity(), stash -> {
            d.directoryFor(clientId).tell(new DirectoryCommand.IsDurable(clientId, ctx.getSelf()));
            return Behaviors.receive(ShardMessage.class)
                    .onMessage(DurableReply.DirectoryAnswer.class, a -> stash.unstashAll(a.durable()
                            ? PersistentSession.create(clientId, d, shard)
                            : d.cleanSession(clientId, shard)))
                    .onAnyMessage(m -> hold(stash, clientId, m))
                    .build();
        }));
    }

    /** A clean session switching to persistent: journal the registration, then recover and attach. */
    static Behavior<ShardMessage> register(String clientId, Durability d, ActorRef<ClusterSharding.ShardCommand> shard,
                                           SessionCommand.Attach attach) {
        return Behaviors.setup(ctx -> Behaviors.withStash(d.startStashCapacity(), stash -> {
            stash.stash(attach);
            d.directoryFor(clientId).tell(new DirectoryCommand.Register(clientId, ctx.getSelf()));
            return Behaviors.receive(ShardMessage.class)
                    .onMessageEquals(DurableReply.Registered.INSTANCE, () ->
                            stash.unstashAll(PersistentSession.create(clientId, d, shard)))
                    .onAnyMessage(m -> hold(stash, clientId, m))
                    .build();
        }));
    }

    private static Behavior<ShardMessage> hold(StashBuffer<ShardMessage> stash, String clientId, ShardMessage m) {
        if (stash.isFull()) {
            LOG.warn("event=session_start_buffer_full client_id={} dropped={}", clientId, m.getClass().getSimpleName());
        } else {
            stash.stash(m);
        }
        return Behaviors.same();
    }
}
