package dev.murmur.node.durable;

import dev.murmur.node.config.PersistenceSettings;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.SessionEntity;
import dev.murmur.node.session.SessionServices;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.node.session.TransientMode;
import dev.murmur.persistence.journal.JournalPurge;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import org.apache.pekko.persistence.jdbc.db.SlickExtension;
import org.apache.pekko.persistence.jdbc.db.SlickExtensionImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a node needs for durable sessions: the factory of the sharded entities (session,
 * shard hub, shard directory), journal purges, and the start-up wait for hubs to recover.
 */
public final class Durability {
    private static final Logger LOG = LoggerFactory.getLogger(Durability.class);
    /** Messages a starting session holds while it learns whether it is persistent (a local round trip). */
    private static final int START_STASH = 10_000;

    private final ActorSystem<?> system;
    private final PersistenceSettings settings;
    private final ClusterSharding sharding;
    private final ShardLayout layout;
    private final JournalPurge purge;
    private final Executor blocking;
    private final int hubRecoveryBuffer;
    private volatile SessionServices services;

    public Durability(ActorSystem<?> system, PersistenceSettings settings, ClusterSharding sharding, ShardLayout layout) {
        this.system = system;
        this.settings = settings;
        this.sharding = sharding;
        this.layout = layout;
        this.purge = new JournalPurge(settings.journal().dialect());
        this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        this.hubRecoveryBuffer = system.settings().config().getInt("pekko.cluster.sharding.buffer-size");
    }

    /** Set once the node's session services exist (they need the router, which needs sharding). */
    public void services(SessionServices s) {
        this.services = s;
    }

    SessionServices services() {
        return services;
    }

    PersistenceSettings settings() {
        return settings;
    }

    int startStashCapacity() {
        return START_STASH;
    }

    /** The behavior of a sharded entity: a session, a shard hub around {@code plainHub}, or a directory. */
    public Behavior<ShardMessage> entity(EntityContext<ShardMessage> ctx, IntFunction<Behavior<ShardMessage>> plainHub) {
        String id = ctx.getEntityId();
        if (ShardLayout.isHub(id)) {
            int shard = ShardLayout.hubShardOf(id);
            return DurableHub.create(shard, directoryOfShard(shard), plainHub.apply(shard), hubRecoveryBuffer);
        }
        if (ShardLayout.isDirectory(id)) {
            int shard = ShardLayout.hubShardOf(id);
            return SessionDirectory.create(shard, hubOfShard(shard), settings.snapshotEvery(),
                    clientId -> sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(clientId)));
        }
        return SessionStarter.create(ShardLayout.clientIdOf(id), this, ctx.getShard());
    }

    Behavior<ShardMessage> cleanSession(String clientId, ActorRef<ClusterSharding.ShardCommand> shard) {
        return SessionEntity.create(clientId, services, shard, new TransientMode(services.hubFor(clientId),
                attach -> SessionStarter.register(clientId, this, shard, attach)));
    }

    RecipientRef<ShardMessage> directoryFor(String clientId) {
        return directoryOfShard(layout.shardOf(clientId));
    }

    private RecipientRef<ShardMessage> directoryOfShard(int shard) {
        return sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.directoryEntityId(shard));
    }

    private RecipientRef<ShardMessage> hubOfShard(int shard) {
        return sharding.entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.hubEntityId(shard));
    }

    /** Deletes a session's journal rows and snapshots off the actor threads, then tells {@code replyTo}. */
    void purge(String clientId, ActorRef<ShardMessage> replyTo) {
        String persistenceId = "session|" + clientId;
        CompletableFuture.runAsync(() -> {
            try (Connection c = connection()) {
                purge.purge(c, persistenceId);
            } catch (Exception e) {
                journalFailure("purge", clientId, e);
            }
        }, blocking).whenComplete((v, e) -> replyTo.tell(DurableReply.Purged.INSTANCE));
    }

    /** A journal operation failed (counted: murmur_journal_write_failures_total; Pekko retries or restarts the entity). */
    void journalFailure(String what, String clientId, Throwable cause) {
        services.metrics().increment(Counter.JOURNAL_WRITE_FAILURES);
        LOG.error("event=journal_failure op={} client_id={} cause=\"{}\"", what, clientId, cause.toString());
    }

    /** Readiness: the journal's database answers a trivial query (off the actor threads). */
    public CompletionStage<Boolean> journalAnswers() {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = connection(); java.sql.Statement st = c.createStatement()) {
                return st.execute("SELECT 1");
            } catch (java.sql.SQLException e) {
                return false;
            }
        }, blocking);
    }

    /** A connection from the journal's own pool (pekko-persistence-jdbc's shared database). */
    public Connection connection() throws java.sql.SQLException {
        SlickExtensionImpl slick = (SlickExtensionImpl) SlickExtension.get(system.classicSystem());
        return slick.database(system.settings().config().getConfig("jdbc-journal")).database().source()
                .createConnection();
    }

    /** From now on, wakes every shard hub whenever a member is removed (see {@link RehomeWaker}). */
    public void wakeHubsOnMemberRemoval() {
        system.systemActorOf(RehomeWaker.create(this::wakeHubs), "durable-rehome-waker",
                org.apache.pekko.actor.typed.Props.empty());
    }

    private void wakeHubs() {
        for (int shard = 0; shard < layout.numberOfShards(); shard++) {
            hubOfShard(shard).tell(new DurableHub.Wake(system.ignoreRef()));
        }
    }

    /**
     * Wakes every shard hub and waits until each has replayed its durable subscriptions and written
     * their routes, so the first publish after a restart already reaches offline persistent sessions.
     */
    public void awaitHubsRecovered(Duration timeout) {
        long start = System.nanoTime();
        List<CompletableFuture<DurableHub.Ready>> ready = new ArrayList<>();
        for (int shard = 0; shard < layout.numberOfShards(); shard++) {
            CompletionStage<DurableHub.Ready> r = sharding.entityRefFor(ShardLayout.TYPE_KEY,
                    ShardLayout.hubEntityId(shard)).ask(DurableHub.Wake::new, timeout);
            ready.add(r.toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            int clients = ready.stream().mapToInt(f -> f.join().durableClients()).sum();
            LOG.info("event=hubs_recovered shards={} durable_sessions={} millis={}", ready.size(), clients,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (TimeoutException e) {
            long done = ready.stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
            LOG.warn("event=hub_recovery_timeout recovered={} of={} timeout={}", done, ready.size(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("event=hub_recovery_failed cause=\"{}\"", e.getCause().toString());
        }
    }
}
