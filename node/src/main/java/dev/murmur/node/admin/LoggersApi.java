package dev.murmur.node.admin;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.slf4j.LoggerFactory;

/** Log levels at run time: list loggers, set or reset one level (Logback). */
final class LoggersApi {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LoggersApi.class);
    private static final int DEFAULT_PAGE = 200;

    void addTo(AdminRouter router) {
        router.get("/api/v1/loggers", this::list).put("/api/v1/loggers/{name}", this::set);
    }

    /** ?prefix=dev.murmur lists loggers under it; without it, only loggers with a level of their own. */
    private CompletionStage<HttpResponse> list(AdminCall call) {
        LoggerContext ctx = context();
        if (ctx == null) {
            return NodeApi.done(Json.error(StatusCodes.NOT_IMPLEMENTED, "logging is not Logback: levels cannot change"));
        }
        String prefix = call.query("prefix").orElse(null);
        int limit = call.limit(DEFAULT_PAGE);
        List<Map<String, Object>> loggers = new ArrayList<>();
        for (Logger l : ctx.getLoggerList()) {
            boolean wanted = prefix == null ? l.getLevel() != null : l.getName().startsWith(prefix);
            if (wanted && loggers.size() < limit) {
                loggers.add(view(l));
            }
        }
        return NodeApi.done(Json.ok(Map.of("loggers", loggers)));
    }

    /** Body {"level": "DEBUG"} sets a level; {"level": null} goes back to inheriting it. "ROOT" is the root logger. */
    private CompletionStage<HttpResponse> set(AdminCall call) {
        LoggerContext ctx = context();
        if (ctx == null) {
            return NodeApi.done(Json.error(StatusCodes.NOT_IMPLEMENTED, "logging is not Logback: levels cannot change"));
        }
        String name = call.path("name");
        JsonNode body = call.json();
        if (!body.has("level")) {
            throw new Json.BadRequest("body must be {\"level\": \"TRACE|DEBUG|INFO|WARN|ERROR|OFF\"} or {\"level\": null}");
        }
        Level level = null;
        if (!body.get("level").isNull()) {
            String text = body.get("level").asText();
            level = Level.toLevel(text, null);
            if (level == null) {
                throw new Json.BadRequest("unknown level '" + text + "'");
            }
        }
        if (name.equalsIgnoreCase(org.slf4j.Logger.ROOT_LOGGER_NAME) && level == null) {
            throw new Json.BadRequest("the root logger always has a level");
        }
        Logger logger = ctx.getLogger(name);
        logger.setLevel(level);
        LOG.info("event=admin_log_level logger={} level={} by={}", name, level, call.who());
        return CompletableFuture.completedFuture(Json.ok(view(logger)));
    }

    private static Map<String, Object> view(Logger l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.getName());
        m.put("level", l.getLevel() == null ? null : l.getLevel().toString());
        m.put("effectiveLevel", l.getEffectiveLevel().toString());
        return m;
    }

    private static LoggerContext context() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext c ? c : null;
    }
}
