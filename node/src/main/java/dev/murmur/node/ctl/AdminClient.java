package dev.murmur.node.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.murmur.node.admin.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** The CLI's HTTP client for the admin API: JSON in, JSON out, errors as {@link CtlException}. */
final class AdminClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http;
    private final String base;
    private final String authorization;

    AdminClient(String url, String token, String user, boolean insecure) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = token != null ? "Bearer " + token
                : user != null ? "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8))
                : null;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (insecure) {
            b.sslContext(trustAll());
        }
        this.http = b.build();
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    /** GET that tolerates a 503 (readiness): the body still says why. */
    JsonNode getAllowingUnavailable(String path) {
        return send(request(path).GET(), true);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest.Builder b) {
        return send(b, false);
    }

    private JsonNode send(HttpRequest.Builder b, boolean allow503) {
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CtlException(CtlException.UNREACHABLE, "cannot reach the admin API at " + base
                    + " (is the node running? see murmur.admin in its config, or pass --url)");
        } catch (IOException e) {
            throw new CtlException(CtlException.UNREACHABLE, "admin API at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(CtlException.UNREACHABLE, "interrupted");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new CtlException(CtlException.FAILED, "HTTP " + r.statusCode() + " with a body that is not JSON");
        }
        if (r.statusCode() >= 300 && !(allow503 && r.statusCode() == 503)) {
            String message = body.path("error").asText("HTTP " + r.statusCode());
            throw new CtlException(CtlException.FAILED, message + " (HTTP " + r.statusCode() + ")");
        }
        return body;
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
