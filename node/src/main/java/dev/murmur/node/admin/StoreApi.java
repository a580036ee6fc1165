package dev.murmur.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.retained.RetainedCommand;
import dev.murmur.node.routing.HubCommand;
import dev.murmur.node.routing.HubSubscription;
import dev.murmur.node.routing.RouteIndexCommand;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.node.session.ShardLayout;
import dev.murmur.protocol.QoS;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Subscriptions by filter (route index, then the shard hubs), retained messages, and publishing. */
final class StoreApi {
    private static final Logger LOG = LoggerFactory.getLogger(StoreApi.class);
    private static final int DEFAULT_PAGE = 100;
    /** Admin publishes appear under this publisher id (no-local never matches a real client). */
    static final String PUBLISHER = "$admin";

    private final AdminServices services;

    StoreApi(AdminServices services) {
        this.services = services;
    }

    void addTo(AdminRouter router) {
        router.get("/api/v1/subscriptions", this::subscriptions)
                .get("/api/v1/retained", this::retained)
                .delete("/api/v1/retained", this::deleteRetained)
                .post("/api/v1/publish", this::publish);
    }

    /** ?filter=prefix (filters starting with it) or ?topic=t (filters matching t); both optional. */
    private CompletionStage<HttpResponse> subscriptions(AdminCall call) {
        int limit = call.limit(DEFAULT_PAGE);
        String prefix = call.query("filter").orElse(null);
        String topic = call.query("topic").orElse(null);
        if (topic != null && !Topics.isValidTopicName(topic)) {
            throw new Json.BadRequest("not a valid topic name: '" + topic + "'");
        }
        CompletionStage<RouteIndexCommand.RouteList> routes = AskPattern.ask(services.routeIndex(),
                r -> new RouteIndexCommand.ListRoutes(prefix, topic, limit, r), services.admin().askTimeout(),
                services.system().scheduler());
        return routes.thenCompose(list -> {
            Set<Integer> shards = new TreeSet<>();
            list.routes().values().forEach(shards::addAll);
            List<String> filters = List.copyOf(list.routes().keySet());
            List<CompletableFuture<HubCommand.Subscribers>> asks = new ArrayList<>();
            for (int shard : shards) {
                asks.add(services.sharding().entityRefFor(ShardLayout.TYPE_KEY, ShardLayout.hubEntityId(shard))
                        .<HubCommand.Subscribers>ask(r -> new HubCommand.ListSubscribers(filters, r),
                                services.admin().askTimeout()).toCompletableFuture());
            }
            return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Map<String, Object>> subs = new ArrayList<>();
                for (CompletableFuture<HubCommand.Subscribers> a : asks) {
                    for (HubSubscription s : a.join().subscriptions()) {
                        subs.add(subscriptionView(s, a.join().shard()));
                    }
                }
                subs.sort(Comparator.comparing((Map<String, Object> m) -> (String) m.get("filter"))
                        .thenComparing(m -> (String) m.get("clientId")));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("subscriptions", subs);
                body.put("filters", filters.size());
                body.put("totalFilters", list.total());
                return Json.ok(body);
            });
        });
    }

    private CompletionStage<HttpResponse> retained(AdminCall call) {
        String filter = call.query("filter", "#");
        if (!Topics.isValidTopicFilter(filter)) {
            throw new Json.BadRequest("not a valid topic filter: '" + filter + "'");
        }
        int limit = call.limit(DEFAULT_PAGE);
        CompletionStage<RetainedCommand.RetainedPage> page = AskPattern.ask(services.retained(),
                r -> new RetainedCommand.Browse(filter, limit, r), services.admin().askTimeout(),
                services.system().scheduler());
        return page.thenApply(p -> {
            List<Map<String, Object>> messages = new ArrayList<>();
            p.messages().stream().sorted(Comparator.comparing(RoutedMessage::topic))
                    .forEach(m -> messages.add(messageView(m)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("messages", messages);
            body.put("total", p.total());
            return Json.ok(body);
        });
    }

    /** DELETE /api/v1/retained?topic=a/b (topics hold '/', so the topic is a parameter). */
    private CompletionStage<HttpResponse> deleteRetained(AdminCall call) {
        String topic = call.query("topic").orElseThrow(() -> new Json.BadRequest("parameter 'topic' is required"));
        if (!Topics.isValidTopicName(topic)) {
            throw new Json.BadRequest("not a valid topic name: '" + topic + "'");
        }
        CompletionStage<RetainedCommand.Removed> removed = AskPattern.ask(services.retained(),
                r -> new RetainedCommand.Remove(topic, r), services.admin().askTimeout(), services.system().scheduler());
        return removed.thenApply(r -> {
            if (!r.existed()) {
                throw new Json.NotFound("no retained message on '" + topic + "'");
            }
            LOG.info("event=admin_retained_deleted topic=\"{}\" by={}", topic, call.who());
            return Json.ok(Map.of("deleted", true, "topic", topic));
        });
    }

    /** Body: {"topic": "...", "payload": "text" | "payloadBase64": "...", "qos": 0, "retain": false}. */
    private CompletionStage<HttpResponse> publish(AdminCall call) {
        JsonNode body = call.json();
        String topic = body.path("topic").asText("");
        if (!Topics.isValidTopicName(topic)) {
            throw new Json.BadRequest("'topic' must be a valid topic name (no wildcards), was '" + topic + "'");
        }
        byte[] payload;
        if (body.hasNonNull("payloadBase64")) {
            try {
                payload = Base64.getDecoder().decode(body.get("payloadBase64").asText());
            } catch (IllegalArgumentException e) {
                throw new Json.BadRequest("'payloadBase64' is not base64");
            }
        } else {
            payload = body.path("payload").asText("").getBytes(StandardCharsets.UTF_8);
        }
        int qos = body.path("qos").asInt(0);
        if (qos < 0 || qos > 2) {
            throw new Json.BadRequest("'qos' must be 0, 1 or 2, was " + qos);
        }
        if (payload.length > services.settings().mqtt().maxPacketSize()) {
            throw new Json.BadRequest("payload over murmur.mqtt.max-packet-size");
        }
        boolean retain = body.path("retain").asBoolean(false);
        int shards = services.router().route(new RoutedMessage(topic, payload, QoS.values()[qos], retain,
                Properties.EMPTY, PUBLISHER, System.currentTimeMillis()));
        services.metrics().increment(Counter.ADMIN_PUBLISHES);
        LOG.info("event=admin_publish topic=\"{}\" qos={} retain={} bytes={} shards={} by={}", topic, qos, retain,
                payload.length, shards, call.who());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("published", true);
        result.put("topic", topic);
        result.put("matchedShards", shards);
        return CompletableFuture.completedFuture(Json.ok(result));
    }

    private static Map<String, Object> subscriptionView(HubSubscription s, int shard) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filter", s.filter());
        m.put("clientId", s.clientId());
        m.put("qos", s.maxQos().value());
        m.put("noLocal", s.noLocal());
        m.put("retainAsPublished", s.retainAsPublished());
        m.put("subscriptionIdentifier", s.subscriptionIdentifier());
        m.put("shard", shard);
        return m;
    }

    private static Map<String, Object> messageView(RoutedMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("topic", m.topic());
        v.put("qos", m.qos().value());
        v.put("payloadSize", m.payload().length);
        v.put("payload", utf8OrNull(m.payload()));
        v.put("payloadBase64", Base64.getEncoder().encodeToString(m.payload()));
        v.put("publisher", m.publisherClientId());
        v.put("receivedAt", Instant.ofEpochMilli(m.receivedAtMillis()).toString());
        return v;
    }

    /** The payload as text when it is valid UTF-8 (most are), else null (see payloadBase64). */
    private static String utf8OrNull(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
