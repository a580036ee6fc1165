package dev.murmur.node.admin;

import dev.murmur.node.auth.PasswordHasher;
import dev.murmur.node.config.AdminSettings;
import dev.murmur.node.config.AdminSettings.Credential;
import dev.murmur.node.config.AdminSettings.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Authorization;

/**
 * Who may use the admin API. Without configured credentials the API is open on a loopback
 * listener and refused (403) on any other address; with credentials every call presents a bearer
 * token or basic-auth user (401 otherwise), and a viewer may only read (403 on changes).
 * Hashes are salted PBKDF2-SHA512, deliberately slow, so a verified header is remembered by its
 * SHA-256 digest and the next poll of the dashboard costs one hash, not a PBKDF2 run.
 */
public final class AdminAuth {
    private static final int MAX_CACHED = 256;

    /** The outcome for one request. */
    public sealed interface Decision {
    }

    /** Go ahead as {@code principal} with {@code role}. */
    public record Allowed(String principal, Role role) implements Decision {
    }

    /** Refused: 401 (with a challenge) or 403, and a message for the JSON body. */
    public record Refused(StatusCode status, String message, String challenge) implements Decision {
    }

    private static final Allowed LOCAL = new Allowed("local", Role.ADMIN);
    private static final Allowed METRICS_SCRAPER = new Allowed("metrics", Role.VIEWER);

    private final AdminSettings settings;
    private final boolean loopback;
    private final Map<String, Allowed> verified = new ConcurrentHashMap<>();

    public AdminAuth(AdminSettings settings, boolean loopback) {
        this.settings = settings;
        this.loopback = loopback;
    }

    /** Decides for a request; {@code metrics} marks GET /metrics, {@code mutating} a call that changes state. */
    public Decision check(HttpRequest request, boolean mutating, boolean metrics) {
        if (!settings.authConfigured()) {
            return loopback ? LOCAL : new Refused(StatusCodes.FORBIDDEN, "the admin API is disabled on non-loopback address "
                    + settings.host() + ": configure murmur.admin.auth.tokens or murmur.admin.auth.users", null);
        }
        if (metrics && settings.metricsPublic()) {
            return METRICS_SCRAPER;
        }
        Optional<Authorization> header = request.getHeader(Authorization.class);
        if (header.isEmpty()) {
            return unauthorized("credentials required");
        }
        String value = header.get().value();
        Allowed who = verified.get(digest(value));
        if (who == null) {
            who = verify(value);
            if (who == null) {
                return unauthorized("invalid credentials");
            }
            if (verified.size() >= MAX_CACHED) {
                verified.clear();
            }
            verified.put(digest(value), who);
        }
        if (mutating && who.role() == Role.VIEWER) {
            return new Refused(StatusCodes.FORBIDDEN, "'" + who.principal() + "' is a viewer and may not change anything",
                    null);
        }
        return who;
    }

    private Allowed verify(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = authorization.substring(0, space);
        String secret = authorization.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return match(settings.tokens(), null, secret);
        }
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(secret), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : match(settings.users(), decoded.substring(0, colon), decoded.substring(colon + 1));
        }
        return null;
    }

    private static Allowed match(List<Credential> credentials, String name, String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (Credential c : credentials) {
            if ((name == null || c.name().equals(name)) && PasswordHasher.verify(c.hash(), bytes)) {
                return new Allowed(c.name(), c.role());
            }
        }
        return null;
    }

    private Refused unauthorized(String message) {
        String challenge = settings.users().isEmpty() ? "Bearer realm=\"murmur\"" : "Basic realm=\"murmur\", charset=\"UTF-8\"";
        return new Refused(StatusCodes.UNAUTHORIZED, message, challenge);
    }

    private static String digest(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
