package dev.murmur.node.admin;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.murmur.node.clients.ClientDirectory;
import dev.murmur.node.clients.ClientQuery;
import dev.murmur.node.session.ShardLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster for operators and tests: {@code GET /api/v1/cluster} (also {@code /cluster}) with
 * members, reachability, shards, sessions and connections per node and the shard → node map;
 * {@code GET /api/v1/cluster/placement/{clientId}} (the node hosting a client's session); and
 * {@code POST /api/v1/cluster/leave} (this node leaves gracefully, as on SIGTERM).
 */
final class ClusterApi {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterApi.class);
    /** The leave starts after this delay, so its answer is written before the admin listener unbinds. */
    private static final Duration LEAVE_DELAY = Duration.ofMillis(200);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final AdminServices services;
    private final ClusterView cluster;
    private final ShardLayout layout;

    ClusterApi(AdminServices services, ClusterView cluster) {
        this.services = services;
        this.cluster = cluster;
        this.layout = new ShardLayout(services.settings().numberOfShards());
    }

    void addTo(AdminRouter router) {
        router.get("/api/v1/cluster", c -> overview())
                .get("/cluster", c -> overview())
                .get("/api/v1/cluster/placement/{clientId}", this::placement)
                .post("/api/v1/cluster/leave", this::leave);
    }

    /** The membership view plus, per node, the sessions its shards hold and its connected clients. */
    private CompletionStage<HttpResponse> overview() {
        CompletableFuture<Map<String, Integer>> sessions = askEveryNode(
                r -> new ClientDirectory.ListSessions(null, null, 0, r), ClientDirectory.SessionIds::node,
                ClientDirectory.SessionIds::total);
        CompletableFuture<Map<String, Integer>> connections = askEveryNode(
                r -> new ClientDirectory.ListClients(new ClientQuery(null, null, null, null, null, 0), r),
                ClientDirectory.ClientPage::node, ClientDirectory.ClientPage::total);
        return sessions.thenCombine(connections, (s, c) -> {
            Map<String, Object> body = Json.MAPPER.convertValue(cluster.overview(), MAP);
            List<Map<String, Object>> members = new ArrayList<>();
            for (Object o : (List<?>) body.get("members")) {
                Map<String, Object> m = Json.MAPPER.convertValue(o, MAP);
                // null: that node's directory did not answer in time (e.g. it is unreachable)
                m.put("sessions", s.get((String) m.get("node")));
                m.put("connections", c.get((String) m.get("node")));
                members.add(m);
            }
            body.put("members", members);
            body.put("shards", cluster.placement());
            return Json.ok(body);
        });
    }

    /** Asks every node's client directory; a node that does not answer is left out. */
    private <R> CompletableFuture<Map<String, Integer>> askEveryNode(
            Function<ActorRef<R>, ClientDirectory.Command> message, Function<R, String> node,
            Function<R, Integer> count) {
        ActorSystem<?> system = services.system();
        Duration timeout = services.admin().askTimeout();
        return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        r -> Receptionist.find(ClientDirectory.KEY, r), timeout, system.scheduler())
                .toCompletableFuture().thenCompose(listing -> {
                    Set<ActorRef<ClientDirectory.Command>> all = listing.getServiceInstances(ClientDirectory.KEY);
                    List<CompletableFuture<R>> answers = new ArrayList<>();
                    for (ActorRef<ClientDirectory.Command> d : all) {
                        answers.add(AskPattern.<ClientDirectory.Command, R>ask(d, message::apply, timeout,
                                system.scheduler()).toCompletableFuture().exceptionally(e -> null));
                    }
                    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(v -> {
                        Map<String, Integer> byNode = new TreeMap<>();
                        answers.stream().map(CompletableFuture::join).filter(a -> a != null)
                                .forEach(a -> byNode.put(node.apply(a), count.apply(a)));
                        return byNode;
                    });
                });
    }

    /** Which shard holds a client's session and which node hosts that shard now (asked fresh). */
    private CompletionStage<HttpResponse> placement(AdminCall call) {
        String clientId = call.path("clientId");
        String shard = layout.shardId(ShardLayout.sessionEntityId(clientId));
        ActorSystem<?> system = services.system();
        Duration timeout = services.admin().askTimeout();
        return AskPattern.<Object, ShardRegion.ClusterShardingStats>ask(services.sharding().shardState().unsafeUpcast(),
                        r -> new GetClusterShardingStats(ShardLayout.TYPE_KEY, timeout, r), timeout, system.scheduler())
                .thenApply(stats -> {
                    String node = null;
                    for (var e : stats.getRegions().entrySet()) {
                        if (e.getValue().getStats().containsKey(shard)) {
                            node = ClusterView.nodeName(e.getKey());
                        }
                    }
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("clientId", clientId);
                    body.put("shard", Integer.parseInt(shard));
                    body.put("node", node); // null: the shard is not allocated (yet)
                    return Json.ok(body);
                });
    }

    /** Graceful leave: the same coordinated shutdown as SIGTERM, with the cluster-leaving reason. */
    private CompletionStage<HttpResponse> leave(AdminCall call) {
        LOG.info("event=admin_cluster_leave node={} by={}", cluster.selfNode(), call.who());
        CompletableFuture.delayedExecutor(LEAVE_DELAY.toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                CoordinatedShutdown.get(services.system()).run(CoordinatedShutdown.clusterLeavingReason()));
        return CompletableFuture.completedFuture(Json.response(StatusCodes.ACCEPTED,
                Map.of("leaving", true, "node", cluster.selfNode())));
    }
}
