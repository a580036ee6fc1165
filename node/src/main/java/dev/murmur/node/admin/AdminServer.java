package dev.murmur.node.admin;

import dev.murmur.node.admin.AdminRouter.Found;
import dev.murmur.node.admin.AdminRouter.Matched;
import dev.murmur.node.admin.AdminRouter.WrongMethod;
import dev.murmur.node.config.AdminSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.ServerBuilder;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Allow;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP listener: routes a request, applies {@link AdminAuth} (everything but /health
 * and /ready), reads the body of a change, runs the handler and turns failures into JSON errors.
 * Every call that changes something is logged with who made it.
 */
public final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    /** Request bodies are small JSON documents (a publish carries the largest). */
    private static final long MAX_BODY_BYTES = 1 << 20;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> OPEN_PATHS = List.of("health", "ready");

    private final ActorSystem<?> system;
    private final AdminSettings settings;
    private final AdminRouter router;
    private final AdminAuth auth;
    private final Materializer materializer;
    private ServerBinding binding;

    private AdminServer(ActorSystem<?> system, AdminSettings settings, AdminRouter router) {
        this.system = system;
        this.settings = settings;
        this.router = router;
        this.auth = new AdminAuth(settings, isLoopback(settings.host()));
        this.materializer = Materializer.matFromSystem(system);
    }

    /** Binds the listener; a failure to bind stops start-up, like an MQTT listener's. */
    public static AdminServer bind(ActorSystem<?> system, AdminSettings settings, AdminRouter router, Duration timeout) {
        AdminServer server = new AdminServer(system, settings, router);
        ServerBuilder builder = Http.get(system).newServerAt(settings.host(), settings.port());
        if (settings.tlsEnabled()) {
            builder = builder.enableHttps(ConnectionContext.httpsServer(AdminTls.sslContext(settings)));
        }
        try {
            server.binding = builder.bind(server::handle).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("admin listener cannot bind " + settings.host() + ":" + settings.port() + ": "
                    + rootMessage(e), e);
        }
        InetSocketAddress a = server.binding.localAddress();
        LOG.info("event=admin_bound address={}:{} tls={} auth={}", a.getHostString(), a.getPort(), settings.tlsEnabled(),
                settings.authConfigured() ? "required" : server.auth.check(HttpRequest.create(), false, false)
                        instanceof AdminAuth.Allowed ? "open-loopback" : "disabled-no-credentials");
        return server;
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public CompletionStage<?> unbind() {
        return binding.unbind();
    }

    private CompletionStage<HttpResponse> handle(HttpRequest request) {
        List<String> segments = new ArrayList<>();
        request.getUri().pathSegments().forEach(segments::add);
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // "/api/v1/clients/" is "/api/v1/clients"
        }
        Found found = router.find(request.method(), segments);
        if (found instanceof WrongMethod w) {
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(Json.error(StatusCodes.METHOD_NOT_ALLOWED,
                    "method " + request.method().value() + " not allowed here; allowed: " + w.allowed())
                    .addHeader(Allow.create(w.allowed().stream()
                            .map(org.apache.pekko.http.javadsl.model.HttpMethods::lookup)
                            .map(java.util.Optional::get).toArray(org.apache.pekko.http.javadsl.model.HttpMethod[]::new))));
        }
        if (!(found instanceof Matched m)) {
            request.discardEntityBytes(materializer);
            return CompletableFuture.completedFuture(Json.error(StatusCodes.NOT_FOUND,
                    "no such resource: " + request.getUri().path()));
        }
        String remote = remoteOf(request);
        boolean open = segments.size() == 1 && OPEN_PATHS.contains(segments.get(0));
        AdminAuth.Decision decision = open ? new AdminAuth.Allowed("anonymous", AdminSettings.Role.VIEWER)
                : auth.check(request, m.route().mutating(), segments.equals(List.of("metrics")));
        if (decision instanceof AdminAuth.Refused r) {
            request.discardEntityBytes(materializer);
            LOG.info("event=admin_refused method={} path={} remote={} status={} reason=\"{}\"", request.method().value(),
                    request.getUri().path(), remote, r.status().intValue(), r.message());
            HttpResponse response = Json.error(r.status(), r.message());
            return CompletableFuture.completedFuture(r.challenge() == null ? response
                    : response.addHeader(RawHeader.create("WWW-Authenticate", r.challenge())));
        }
        AdminAuth.Allowed who = (AdminAuth.Allowed) decision;
        CompletionStage<String> body = m.route().mutating()
                ? request.entity().withSizeLimit(MAX_BODY_BYTES).toStrict(BODY_TIMEOUT.toMillis(), materializer)
                        .thenApply(e -> e.getData().utf8String())
                : CompletableFuture.completedFuture(discard(request));
        return body.thenCompose(text -> {
            AdminCall call = new AdminCall(request, m.params(), text, who.principal(), who.role(), remote,
                    settings.maxPageSize());
            try {
                return m.route().handler().handle(call);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        }).exceptionally(AdminServer::failure).thenApply(response -> {
            if (m.route().mutating()) {
                LOG.info("event=admin_action method={} path={} by={} remote={} status={}", request.method().value(),
                        request.getUri().path(), who.principal(), remote, response.status().intValue());
            }
            return response;
        });
    }

    private String discard(HttpRequest request) {
        request.discardEntityBytes(materializer);
        return "";
    }

    private static HttpResponse failure(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof Json.BadRequest) {
            return Json.error(StatusCodes.BAD_REQUEST, e.getMessage());
        }
        if (e instanceof Json.NotFound) {
            return Json.error(StatusCodes.NOT_FOUND, e.getMessage());
        }
        if (e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout")) {
            return Json.error(StatusCodes.SERVICE_UNAVAILABLE, "no answer in time: " + e.getMessage());
        }
        if (e instanceof org.apache.pekko.http.scaladsl.model.EntityStreamSizeException) {
            return Json.error(StatusCodes.PAYLOAD_TOO_LARGE, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        LOG.warn("event=admin_error cause={}", e.toString());
        return Json.error(StatusCodes.INTERNAL_SERVER_ERROR, e.toString());
    }

    private static String remoteOf(HttpRequest request) {
        return request.getAttribute(AttributeKeys.remoteAddress)
                .flatMap(a -> a.getAddress().map(ip -> ip.getHostAddress() + ":" + a.getPort()))
                .orElse("unknown");
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    ActorSystem<?> system() {
        return system;
    }
}
