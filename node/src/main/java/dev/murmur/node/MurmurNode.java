package dev.murmur.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.murmur.node.admin.AdminServices;
import dev.murmur.node.admin.Operations;
import dev.murmur.node.auth.EnhancedAuthenticators;
import dev.murmur.node.cluster.ClusterJoin;
import dev.murmur.node.config.AdminSettings;
import dev.murmur.node.config.ClusterSettings;
import dev.murmur.node.config.NodeSettings;
import dev.murmur.node.config.PersistenceSettings;
import dev.murmur.node.connection.ConnectionRegistry;
import dev.murmur.node.connection.ConnectionServices;
import dev.murmur.node.edge.MqttListeners;
import dev.murmur.node.limits.MemoryGuard;
import dev.murmur.node.metrics.BrokerMetrics;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.retained.DurableRetained;
import dev.murmur.node.retained.RetainedStore;
import dev.murmur.node.routing.PublishRouter;
import dev.murmur.node.routing.RouteIndexCommand;
import dev.murmur.node.routing.RouteIndexReplica;
import dev.murmur.node.routing.ShardHub;
import dev.murmur.node.routing.SharedGroup;
import dev.murmur.node.routing.SharedGroups;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.SessionEntity;
import dev.murmur.node.session.SessionServices;
import dev.murmur.node.security.SecurityModule;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.node.session.ShardMessage;
import dev.murmur.node.admin.Readiness;
import dev.murmur.node.durable.Durability;
import dev.murmur.node.sys.SysPublisher;
import dev.murmur.node.watch.ReloadRegistry;
import dev.murmur.persistence.journal.JournalConfig;
import dev.murmur.persistence.journal.JournalSchema;
import dev.murmur.protocol.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running broker node: its actor system, sharded sessions, routing and listeners. */
public final class MurmurNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MurmurNode.class);
    private static final String SYSTEM_NAME = "murmur";
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_POLL = Duration.ofMillis(50);

    private final ActorSystem<Void> system;
    private final MqttListeners listeners;
    private final BrokerMetrics metrics;
    private final NodeSettings settings;
    private final ReloadRegistry reloads;
    private final Operations operations;

    private MurmurNode(ActorSystem<Void> system, MqttListeners listeners, BrokerMetrics metrics, NodeSettings settings,
                       ReloadRegistry reloads, Operations operations) {
        this.reloads = reloads;
        this.system = system;
        this.listeners = listeners;
        this.metrics = metrics;
        this.settings = settings;
        this.operations = operations;
    }

    /**
     * Starts a node with {@code overrides} over reference.conf. Configuration errors throw before
     * anything starts, naming the key; a listener that cannot bind stops the node again.
     */
    public static MurmurNode start(Config overrides) {
        Config reference = ConfigFactory.defaultReference();
        Config config = overrides.withFallback(reference).resolve();
        NodeSettings settings = NodeSettings.from(config);
        ClusterSettings.from(config); // validated before anything starts
        dev.murmur.node.config.RouteIndexSettings.from(config); // validated before anything starts
        PersistenceSettings persistence = PersistenceSettings.from(config);
        if (persistence.enabled()) {
            // The node file's own pekko-persistence-jdbc keys (if any) still win over the generated ones.
            config = overrides.withFallback(JournalConfig.pekkoConfig(persistence.journal())).withFallback(reference)
                    .resolve();
            openJournal(persistence);
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM_NAME, config);
        try {
            return wire(system, settings, persistence);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** Creates missing journal tables; an unreachable database stops start-up with its address. */
    private static void openJournal(PersistenceSettings persistence) {
        if (!persistence.createSchema()) {
            return;
        }
        try {
            JournalSchema.create(persistence.journal());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the journal " + persistence.journal() + ": " + e.getMessage(), e);
        }
    }

    private static MurmurNode wire(ActorSystem<Void> system, NodeSettings settings, PersistenceSettings persistence) {
        Cluster cluster = Cluster.get(system);
        List<String> seeds = system.settings().config().getStringList("pekko.cluster.seed-nodes");
        if (seeds.isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address())); // a cluster of one
        } else {
            ClusterJoin.await(system, ClusterSettings.from(system.settings().config()));
        }
        BrokerMetrics metrics = new BrokerMetrics();
        ShardLayout layout = new ShardLayout(settings.numberOfShards());
        ClusterSharding sharding = ClusterSharding.get(system);
        // With persistence, retained messages live in journaled buckets and survive a full restart.
        ActorRef<RetainedCommand> retained = system.systemActorOf(persistence.enabled()
                ? DurableRetained.start(sharding, metrics, persistence.retainedBuckets(), persistence.snapshotEvery())
                : RetainedStore.create(metrics), "retained", Props.empty());
        // The route index's own replicator, at the same path on every node: its gossip interval is
        // set for a large index without slowing the receptionist's and the $SYS counts' replicator.
        dev.murmur.node.config.RouteIndexSettings routeSettings =
                dev.murmur.node.config.RouteIndexSettings.from(system.settings().config());
        ActorRef<org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.Command> routeReplicator =
                system.systemActorOf(org.apache.pekko.cluster.ddata.typed.javadsl.Replicator.behavior(
                        routeSettings.replicator()), "route-index-replicator", Props.empty());
        RouteIndexReplica.Handle routeIndex = RouteIndexReplica.create(settings.routeIndexKeys(),
                settings.routeWriteTimeout(), routeSettings.resyncInterval(), routeReplicator, metrics);
        ActorRef<RouteIndexCommand> routeIndexRef = system.systemActorOf(routeIndex.behavior(), "route-index",
                Props.empty());
        // Entities are created only when the first message arrives, after everything below is
        // wired; the router needs the initialised sharding region to resolve hub references.
        AtomicReference<SessionServices> services = new AtomicReference<>();
        IntFunction<Behavior<ShardMessage>> hub = shard -> ShardHub.create(shard, routeIndexRef, services.get()::session,
                metrics);
        // With persistence, sessions may be journaled and hubs recover their durable subscriptions.
        Durability durability = persistence.enabled() ? new Durability(system, persistence, sharding, layout) : null;
        sharding.init(Entity.of(ShardLayout.TYPE_KEY, ctx -> SharedGroups.isGroup(ctx.getEntityId())
                        ? sharedGroup(ctx, services.get())
                        : durability != null ? durability.entity(ctx, hub)
                        : ShardLayout.isHub(ctx.getEntityId()) ? hub.apply(ShardLayout.hubShardOf(ctx.getEntityId()))
                        : SessionEntity.create(ShardLayout.clientIdOf(ctx.getEntityId()), services.get(), ctx.getShard()))
                .withMessageExtractor(layout)
                .withStopMessage(SessionCommand.Stop.INSTANCE));
        PublishRouter router = new PublishRouter(routeIndex.view(), retained, metrics, sharding, layout,
                persistence.handoffTimeout());
        services.set(new SessionServices(settings, metrics, router, retained, layout, sharding));
        // Before this node's hubs wake (their sessions may publish wills) and its listeners bind:
        // the routes written before it joined, read from the other nodes instead of awaited by gossip.
        awaitRouteIndexLoaded(system, routeIndexRef,
                ClusterSettings.from(system.settings().config()).joinTimeout()
                        .plus(settings.routeWriteTimeout().multipliedBy(2)));
        if (durability != null) {
            durability.services(services.get());
            durability.awaitHubsRecovered(persistence.recoveryTimeout());
            durability.wakeHubsOnMemberRemoval();
        }

        String version = version();
        if (settings.sysEnabled()) {
            system.systemActorOf(SysPublisher.create(router, metrics, version, settings.sysInterval(),
                    settings.nodeName()), "sys",
                    Props.empty());
        }
        ConnectionRegistry registry = new ConnectionRegistry();
        // Edge security (issue 6): auth SPI / built-ins, file reloads, memory high-water mark.
        ReloadRegistry reloads = new ReloadRegistry(system);
        SecurityModule security = SecurityModule.create(settings.security(), system.settings().config(), reloads);
        system.getWhenTerminated().thenRun(() -> {
            reloads.stop();
            security.verifier().shutdownNow();
        });
        Duration memoryCheck = settings.limits().memoryCheckInterval();
        system.scheduler().scheduleWithFixedDelay(memoryCheck, memoryCheck,
                new MemoryGuard(settings.limits().memoryHighWater(), metrics), system.executionContext());
        ConnectionServices connectionServices = new ConnectionServices(settings, metrics, security.authenticator(),
                router, sharding, registry, EnhancedAuthenticators.fromSettings(settings.mqtt5()), security.authorizer());
        MqttListeners listeners = MqttListeners.bind(system, settings.listeners(), settings.maxConnections(),
                connectionServices, BIND_TIMEOUT, reloads);
        registerShutdown(system, listeners, registry, settings.drainTimeout());
        Operations operations = Operations.start(new AdminServices(system, settings,
                AdminSettings.from(system.settings().config()), version, metrics, registry, sharding, router, retained,
                routeIndexRef, listeners::bound));
        if (durability != null) {
            operations.readiness().register("journal", () -> durability.journalAnswers().thenApply(ok -> ok
                    ? Readiness.Result.ok("journal answers (" + persistence.journal().dialect() + ")")
                    : Readiness.Result.failed("journal does not answer: " + persistence.journal().url())));
        }
        LOG.info("event=node_started node={} version={} listeners={}", settings.nodeName(), version,
                listeners.bound().size());
        return new MurmurNode(system, listeners, metrics, settings, reloads, operations);
    }

    /** A shared subscription group entity: it routes through the hub of its own shard. */
    private static Behavior<ShardMessage> sharedGroup(EntityContext<ShardMessage> ctx, SessionServices services) {
        String shareFilter = SharedGroups.shareFilterOf(ctx.getEntityId());
        return SharedGroup.create(shareFilter, services.settings().mqtt5().sharedSubscriptionStrategy(),
                services.metrics(), services.hubFor(shareFilter), services::session, ctx.getShard(),
                SharedGroups.ref(services.sharding(), shareFilter));
    }

    /** Waits for the route index's start-up read ({@link RouteIndexCommand.LoadAll}); on a timeout gossip brings the rest. */
    private static void awaitRouteIndexLoaded(ActorSystem<Void> system, ActorRef<RouteIndexCommand> routeIndex,
                                              Duration timeout) {
        long started = System.nanoTime();
        try {
            RouteIndexCommand.Loaded loaded = org.apache.pekko.actor.typed.javadsl.AskPattern
                    .<RouteIndexCommand, RouteIndexCommand.Loaded>ask(routeIndex, RouteIndexCommand.LoadAll::new,
                            timeout, system.scheduler())
                    .toCompletableFuture().get(timeout.toMillis() + 1_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            LOG.info("event=route_index_loaded keys={} keys_without_majority={} routes={} millis={}", loaded.keys(),
                    loaded.failed(), loaded.routes(), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("event=route_index_load_incomplete timeout_ms={} detail=\"older routes arrive by gossip\"",
                    timeout.toMillis());
        }
    }

    /**
     * SIGTERM (or a cluster leave) path, in Pekko's phase order: stop accepting
     * ({@code service-unbind}); hand this node's shards to the others while clients are still
     * connected ({@code cluster-sharding-shutdown-region}, Pekko's own task: each session that
     * stops tells its connection — v5 0x8B here, 0x89 on other nodes — so its client reconnects
     * to the session's new home); then tell the remaining clients, whose sessions live elsewhere
     * (v5: 0x8B with the configured Server Reference, 3.x: close) and let their sockets drain,
     * while the node leaves the cluster ({@code cluster-leave}). Disconnecting first would send
     * every client to a session about to move, and kick it a second time when it does.
     */
    private static void registerShutdown(ActorSystem<Void> system, MqttListeners listeners,
                                         ConnectionRegistry registry, Duration drainTimeout) {
        CoordinatedShutdown cs = CoordinatedShutdown.get(system);
        cs.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "mqtt-unbind",
                () -> listeners.unbindAll().thenApply(v -> Done.getInstance()));
        cs.addTask(CoordinatedShutdown.PhaseClusterLeave(), "mqtt-disconnect-clients", () -> {
            LOG.info("event=shutdown_disconnecting clients={}", registry.size());
            registry.shutdownAll();
            return awaitDrained(registry, System.nanoTime() + drainTimeout.toNanos());
        });
    }

    private static CompletableFuture<Done> awaitDrained(ConnectionRegistry registry, long deadlineNanos) {
        if (registry.size() == 0 || System.nanoTime() >= deadlineNanos) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return CompletableFuture.supplyAsync(() -> null,
                        CompletableFuture.delayedExecutor(DRAIN_POLL.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(v -> awaitDrained(registry, deadlineNanos));
    }

    static String version() {
        try (InputStream in = MurmurNode.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    /**
     * Operator action: ends the connection of {@code clientId} wherever it is connected in the
     * cluster, with 0x98 Administrative action or, for a redirection, 0x9C Use another server /
     * 0x9D Server moved and the other server's reference (MQTT 5.0 4.11, 4.13). The session stays.
     */
    public void disconnectClient(String clientId, ReasonCode reason, String serverReference) {
        ClusterSharding.get(system).entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(clientId))
                .tell(new SessionCommand.DisconnectClient(reason, serverReference));
    }

    /** The port of the first MQTT listener (the ephemeral one chosen when configured as 0). */
    public int mqttPort() {
        return listeners.bound().get(0).port();
    }

    /** Re-reads TLS material, password and ACL files now (SIGHUP); broken files keep the previous state. */
    public void reload() {
        reloads.reloadAll();
    }

    public List<MqttListeners.Bound> listeners() {
        return listeners.bound();
    }

    public BrokerMetrics metrics() {
        return metrics;
    }

    /** Metrics registry, readiness checks, cluster view and the admin listener (operations issue). */
    public Operations operations() {
        return operations;
    }

    /** The admin HTTP listener's port (the ephemeral one when configured as 0), or -1 when disabled. */
    public int adminPort() {
        return operations.adminPort();
    }

    public NodeSettings settings() {
        return settings;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    /** Runs the graceful shutdown (same as SIGTERM) and waits for it. */
    @Override
    public void close() {
        CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
