package dev.murmur.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.config.AdminSettings;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.http.javadsl.model.HttpRequest;

/**
 * One admin API request after routing and authentication: path parameters, query, body and who
 * is calling (for the log line every mutating call writes).
 */
public record AdminCall(HttpRequest request, Map<String, String> pathParams, String body, String principal,
                        AdminSettings.Role role, String remote, int maxPageSize) {

    public String path(String name) {
        return pathParams.get(name);
    }

    public Optional<String> query(String name) {
        return request.getUri().query().get(name);
    }

    public String query(String name, String otherwise) {
        return query(name).orElse(otherwise);
    }

    /** A page size: {@code limit} when given (1..max-page-size), else {@code otherwise}. */
    public int limit(int otherwise) {
        Optional<String> v = query("limit");
        if (v.isEmpty()) {
            return Math.min(otherwise, maxPageSize);
        }
        int n;
        try {
            n = Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new Json.BadRequest("limit must be a number, was '" + v.get() + "'");
        }
        if (n < 1 || n > maxPageSize) {
            throw new Json.BadRequest("limit must be within 1.." + maxPageSize + ", was " + n);
        }
        return n;
    }

    public JsonNode json() {
        return Json.read(body);
    }

    /** Who did it, for logs: the credential's name (or "local" when the API is open on loopback) and address. */
    public String who() {
        return principal + "@" + remote;
    }
}
