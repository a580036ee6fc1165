package dev.murmur.node.admin;

import dev.murmur.node.clients.ClientDirectory;
import dev.murmur.node.clients.ClientQuery;
import dev.murmur.node.connection.ClientConnection;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.session.SessionCommand;
import dev.murmur.node.session.SessionInfo;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.protocol.MqttVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Clients (connections, cluster-wide) and sessions: list, detail, kick, delete. */
final class ClientsApi {
    private static final Logger LOG = LoggerFactory.getLogger(ClientsApi.class);
    private static final int DEFAULT_PAGE = 50;
    /** A session page asks each session for its details: keep that fan-out small. */
    private static final int MAX_SESSION_PAGE = 100;

    private final AdminServices services;
    private final Directories directories;

    ClientsApi(AdminServices services) {
        this.services = services;
        this.directories = new Directories(services.system(), services.admin().askTimeout());
    }

    void addTo(AdminRouter router) {
        router.get("/api/v1/clients", this::list)
                .get("/api/v1/clients/{id}", this::detail)
                .post("/api/v1/clients/{id}/kick", this::kick)
                .get("/api/v1/sessions", this::sessions)
                .get("/api/v1/sessions/{id}", this::session)
                .delete("/api/v1/sessions/{id}", this::deleteSession);
    }

    private CompletionStage<HttpResponse> list(AdminCall call) {
        ClientQuery q = new ClientQuery(call.query("prefix").orElse(null), call.query("username").orElse(null),
                call.query("remote").orElse(null), protocolLevel(call), call.query("after").orElse(null),
                call.limit(DEFAULT_PAGE));
        return directories.<ClientDirectory.ClientPage>askAll(r -> new ClientDirectory.ListClients(q, r)).thenApply(pages -> {
            List<Map<String, Object>> merged = new ArrayList<>();
            int total = 0;
            for (ClientDirectory.ClientPage p : pages) {
                total += p.total();
                p.clients().forEach(c -> merged.add(view(c, p.node())));
            }
            merged.sort(Comparator.comparing(m -> (String) m.get("clientId")));
            List<Map<String, Object>> page = merged.subList(0, Math.min(q.limit(), merged.size()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("clients", page);
            body.put("total", total);
            body.put("next", page.size() == q.limit() ? page.get(page.size() - 1).get("clientId") : null);
            return Json.ok(body);
        });
    }

    private CompletionStage<HttpResponse> detail(AdminCall call) {
        String id = call.path("id");
        CompletionStage<List<ClientDirectory.FoundClient>> found = directories.askAll(r -> new ClientDirectory.FindClient(id, r));
        CompletionStage<SessionInfo> session = sessionInfo(id);
        return found.thenCombine(session, (answers, info) -> {
            Map<String, Object> connection = answers.stream().filter(a -> a.client() != null).findFirst()
                    .map(a -> view(a.client(), a.node())).orElse(null);
            if (connection == null && !info.exists()) {
                throw new Json.NotFound("no client '" + id + "': not connected and no session");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("clientId", id);
            body.put("connected", connection != null);
            body.put("connection", connection);
            body.put("session", info.exists() ? info : null);
            return Json.ok(body);
        });
    }

    private CompletionStage<HttpResponse> kick(AdminCall call) {
        String id = call.path("id");
        return directories.<ClientDirectory.KickResult>askAll(r -> new ClientDirectory.Kick(id, r)).thenApply(results -> {
            List<String> nodes = results.stream().filter(ClientDirectory.KickResult::kicked)
                    .map(ClientDirectory.KickResult::node).toList();
            if (nodes.isEmpty()) {
                throw new Json.NotFound("client '" + id + "' is not connected");
            }
            services.metrics().increment(Counter.ADMIN_KICKS);
            LOG.info("event=admin_kick client_id={} by={} node={}", id, call.who(), nodes);
            return Json.ok(Map.of("kicked", true, "clientId", id, "node", nodes.get(0)));
        });
    }

    private CompletionStage<HttpResponse> sessions(AdminCall call) {
        int limit = Math.min(call.limit(DEFAULT_PAGE), MAX_SESSION_PAGE);
        String prefix = call.query("prefix").orElse(null);
        String after = call.query("after").orElse(null);
        return directories.<ClientDirectory.SessionIds>askAll(r -> new ClientDirectory.ListSessions(prefix, after, limit, r))
                .thenCompose(answers -> {
                    List<String[]> ids = new ArrayList<>();
                    int total = 0;
                    for (ClientDirectory.SessionIds a : answers) {
                        total += a.total();
                        a.clientIds().forEach(id -> ids.add(new String[] {id, a.node()}));
                    }
                    ids.sort(Comparator.comparing(a -> a[0]));
                    List<String[]> page = ids.subList(0, Math.min(limit, ids.size()));
                    List<CompletableFuture<Map<String, Object>>> infos = new ArrayList<>();
                    for (String[] p : page) {
                        infos.add(sessionInfo(p[0]).thenApply(i -> sessionView(i, p[1])).toCompletableFuture());
                    }
                    int count = total;
                    return CompletableFuture.allOf(infos.toArray(CompletableFuture[]::new)).thenApply(v -> {
                        List<Map<String, Object>> list = infos.stream().map(CompletableFuture::join)
                                .filter(m -> (Boolean) m.get("exists")).toList();
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("sessions", list);
                        body.put("total", count);
                        body.put("next", page.size() == limit ? page.get(page.size() - 1)[0] : null);
                        return Json.ok(body);
                    });
                });
    }

    private CompletionStage<HttpResponse> session(AdminCall call) {
        String id = call.path("id");
        return sessionInfo(id).thenApply(info -> {
            if (!info.exists()) {
                throw new Json.NotFound("no session for client '" + id + "'");
            }
            return Json.ok(info);
        });
    }

    private CompletionStage<HttpResponse> deleteSession(AdminCall call) {
        String id = call.path("id");
        return services.sharding().entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(id))
                .<SessionCommand.Discarded>ask(SessionCommand.Discard::new, services.admin().askTimeout())
                .thenApply(d -> {
                    if (!d.existed()) {
                        throw new Json.NotFound("no session for client '" + id + "'");
                    }
                    LOG.info("event=admin_session_deleted client_id={} by={}", id, call.who());
                    return Json.ok(Map.of("deleted", true, "clientId", id));
                });
    }

    private CompletionStage<SessionInfo> sessionInfo(String clientId) {
        return services.sharding().entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.sessionEntityId(clientId))
                .ask(SessionCommand.GetInfo::new, services.admin().askTimeout());
    }

    private static Map<String, Object> sessionView(SessionInfo i, String node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", i.clientId());
        m.put("exists", i.exists());
        m.put("connected", i.connected());
        m.put("persistent", i.persistent());
        m.put("sessionExpirySeconds", i.sessionExpirySeconds());
        m.put("subscriptions", i.subscriptions().size());
        m.put("inflight", i.inflight());
        m.put("queued", i.queued());
        m.put("node", node);
        return m;
    }

    static Map<String, Object> view(ClientConnection c, String node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("clientId", c.clientId());
        m.put("username", c.username());
        m.put("remoteAddress", c.remoteAddress());
        m.put("listener", c.listener());
        m.put("protocol", protocolName(c.version()));
        m.put("connectedAt", Instant.ofEpochMilli(c.connectedAtMillis()).toString());
        m.put("keepAliveSeconds", c.keepAliveSeconds());
        m.put("node", node);
        return m;
    }

    static String protocolName(MqttVersion v) {
        return switch (v) {
            case V3_1 -> "3.1";
            case V3_1_1 -> "3.1.1";
            case V5 -> "5";
        };
    }

    private static Integer protocolLevel(AdminCall call) {
        return call.query("version").map(v -> switch (v) {
            case "3", "3.1" -> 3;
            case "4", "3.1.1" -> 4;
            case "5", "5.0" -> 5;
            default -> throw new Json.BadRequest("version must be 3.1, 3.1.1 or 5, was '" + v + "'");
        }).orElse(null);
    }
}
