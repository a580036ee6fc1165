package dev.murmur.node.admin;

import dev.murmur.node.clients.ClientDirectory;
import dev.murmur.node.metrics.prometheus.BrokerCollector;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The operations side of a node, wired in one place: the Prometheus registry over the broker's
 * counters and the JVM, readiness checks, the cluster view, the client directory other nodes ask,
 * and the admin HTTP listener that serves all of it.
 */
public final class Operations {
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private final AdminServer server;
    private final Readiness readiness;
    private final PrometheusRegistry registry;
    private final ClusterView cluster;

    private Operations(AdminServer server, Readiness readiness, PrometheusRegistry registry, ClusterView cluster) {
        this.server = server;
        this.readiness = readiness;
        this.registry = registry;
        this.cluster = cluster;
    }

    public static Operations start(AdminServices s) {
        ActorSystem<?> system = s.system();
        ClusterView cluster = new ClusterView(system);
        system.systemActorOf(ClusterStatsPoller.create(s.sharding(), cluster, s.admin().clusterStatsInterval()),
                "cluster-stats", Props.empty());
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new BrokerCollector(s.metrics(), () -> s.router().routes().size(), cluster::stats));
        JvmMetrics.builder().register(registry);
        registry.register(() -> ListenerCertificates.expiry(s.listeners().get()));

        Readiness readiness = new Readiness();
        readiness.register("cluster", () -> CompletableFuture.completedFuture(cluster.selfUp()
                ? Readiness.Result.ok("member " + cluster.selfNode() + " is up")
                : Readiness.Result.failed("member " + cluster.selfNode() + " is " + cluster.selfStatus())));
        readiness.register("accepting", () -> CompletableFuture.completedFuture(
                CoordinatedShutdown.get(system).getShutdownReason().isPresent()
                        ? Readiness.Result.failed("shutting down")
                        : Readiness.Result.ok(s.listeners().get().size() + " MQTT listener(s) bound")));

        var directory = system.systemActorOf(ClientDirectory.create(s.connections(), cluster.selfNode(), s.sharding()),
                "client-directory", Props.empty());
        system.receptionist().tell(Receptionist.register(ClientDirectory.KEY, directory));

        AdminServer server = null;
        if (s.admin().enabled()) {
            AdminRouter router = new AdminRouter();
            new NodeApi(s, cluster, readiness, registry).addTo(router);
            new ClusterApi(s, cluster).addTo(router);
            new ClientsApi(s).addTo(router);
            new StoreApi(s).addTo(router);
            new LoggersApi().addTo(router);
            DashboardPage.addTo(router);
            server = AdminServer.bind(system, s.admin(), router, BIND_TIMEOUT);
            AdminServer bound = server;
            CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(), "admin-unbind",
                    () -> bound.unbind().thenApply(v -> Done.getInstance()));
        }
        return new Operations(server, readiness, registry, cluster);
    }

    /** The admin listener's port, or -1 when it is disabled. */
    public int adminPort() {
        return server == null ? -1 : server.port();
    }

    /** Where features add their own readiness checks (e.g. the journal). */
    public Readiness readiness() {
        return readiness;
    }

    public PrometheusRegistry prometheus() {
        return registry;
    }

    public ClusterView cluster() {
        return cluster;
    }
}
