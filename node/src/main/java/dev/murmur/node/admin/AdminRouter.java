package dev.murmur.node.admin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/**
 * Maps method + path patterns ({@code /api/v1/clients/{id}}) to handlers. A path that matches
 * with another method is a 405, no match a 404; both are told by {@link #find}.
 */
public final class AdminRouter {
    /** Handles one routed call. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<HttpResponse> handle(AdminCall call) throws Exception;
    }

    /** A route: its method, the pattern's segments, whether it changes state, and its handler. */
    public record Route(HttpMethod method, String pattern, String[] segments, Handler handler) {
        public boolean mutating() {
            return !method.equals(HttpMethods.GET) && !method.equals(HttpMethods.HEAD);
        }
    }

    /** The outcome of routing a request. */
    public sealed interface Found {
    }

    /** A route matched; {@code params} are its path parameters, decoded. */
    public record Matched(Route route, Map<String, String> params) implements Found {
    }

    /** The path exists, but not for this method. */
    public record WrongMethod(List<String> allowed) implements Found {
    }

    /** Nothing at this path. */
    public enum NotFound implements Found {
        INSTANCE
    }

    private final List<Route> routes = new ArrayList<>();

    public AdminRouter get(String pattern, Handler h) {
        return add(HttpMethods.GET, pattern, h);
    }

    public AdminRouter post(String pattern, Handler h) {
        return add(HttpMethods.POST, pattern, h);
    }

    public AdminRouter put(String pattern, Handler h) {
        return add(HttpMethods.PUT, pattern, h);
    }

    public AdminRouter delete(String pattern, Handler h) {
        return add(HttpMethods.DELETE, pattern, h);
    }

    private AdminRouter add(HttpMethod method, String pattern, Handler h) {
        routes.add(new Route(method, pattern, split(pattern), h));
        return this;
    }

    /** Routes {@code segments} (the request path, already split and decoded). */
    public Found find(HttpMethod method, List<String> segments) {
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Map<String, String> params = match(r.segments(), segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(method)) {
                return new Matched(r, params);
            }
            allowed.add(r.method().value());
        }
        return allowed.isEmpty() ? NotFound.INSTANCE : new WrongMethod(allowed);
    }

    private static Map<String, String> match(String[] pattern, List<String> path) {
        if (pattern.length != path.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path.get(i).isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String pattern) {
        return pattern.equals("/") ? new String[0] : pattern.substring(1).split("/", -1);
    }
}
