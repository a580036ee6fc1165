package dev.murmur.node.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.murmur.node.auth.PasswordHasher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The validated {@code murmur.admin} tree: the admin HTTP listener (metrics, JSON API,
 * dashboard), its credentials and TLS. Read next to {@link NodeSettings}; every failure names its key.
 */
public record AdminSettings(boolean enabled, String host, int port, List<Credential> tokens, List<Credential> users,
                            boolean metricsPublic, boolean tlsEnabled, Path keystore, String keystorePassword,
                            Duration askTimeout, int maxPageSize, Duration clusterStatsInterval) {

    private static final String PREFIX = "murmur.admin.";
    private static final int MAX_PORT = 65_535;

    /** What a credential may do: everything, or read only (GET). */
    public enum Role { ADMIN, VIEWER }

    /** A bearer token or basic-auth user: its name (for logs), PBKDF2 hash and role. */
    public record Credential(String name, String hash, Role role) {
        @Override
        public String toString() {
            return "Credential[" + name + ", " + role + "]"; // never the hash
        }
    }

    public static AdminSettings from(Config config) {
        Config a = config.getConfig("murmur.admin");
        int port = a.getInt("port");
        if (port < 0 || port > MAX_PORT) {
            throw new InvalidSettingException(PREFIX + "port", "must be 0..65535, was " + port);
        }
        boolean tls = a.getBoolean("tls.enabled");
        Path keystore = null;
        if (tls) {
            String ks = a.getString("tls.keystore");
            if (ks.isBlank() || !Files.isRegularFile(Path.of(ks))) {
                throw new InvalidSettingException(PREFIX + "tls.keystore", "a PKCS#12 file is required when TLS is on, "
                        + (ks.isBlank() ? "none given" : "not found: " + ks));
            }
            keystore = Path.of(ks);
        }
        int maxPage = a.getInt("max-page-size");
        if (maxPage < 1) {
            throw new InvalidSettingException(PREFIX + "max-page-size", "must be at least 1, was " + maxPage);
        }
        return new AdminSettings(a.getBoolean("enabled"), a.getString("host"), port,
                credentials(a, "auth.tokens"), credentials(a, "auth.users"), a.getBoolean("auth.metrics-public"),
                tls, keystore, a.getString("tls.keystore-password"), positive(a, "ask-timeout"), maxPage,
                positive(a, "cluster-stats-interval"));
    }

    /** True when any credential is configured: then every API call must present one. */
    public boolean authConfigured() {
        return !tokens.isEmpty() || !users.isEmpty();
    }

    private static List<Credential> credentials(Config a, String key) {
        List<Credential> result = new ArrayList<>();
        List<? extends Config> list = a.getConfigList(key);
        for (int i = 0; i < list.size(); i++) {
            Config c = list.get(i);
            String at = PREFIX + key + "[" + i + "].";
            String name = required(c, at, "name");
            String hash = required(c, at, "hash");
            if (!PasswordHasher.isWellFormed(hash)) {
                throw new InvalidSettingException(at + "hash", "not a $pbkdf2-sha512$ hash; make one with `murmur ctl hash`");
            }
            String role = c.hasPath("role") ? c.getString("role") : "admin";
            Role r;
            try {
                r = Role.valueOf(role.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(at + "role", "unknown role '" + role + "', expected admin or viewer");
            }
            result.add(new Credential(name, hash, r));
        }
        return List.copyOf(result);
    }

    private static String required(Config c, String at, String key) {
        if (!c.hasPath(key) || c.getString(key).isBlank()) {
            throw new InvalidSettingException(at + key, "is required");
        }
        return c.getString(key);
    }

    private static Duration positive(Config a, String key) {
        Duration d;
        try {
            d = a.getDuration(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw new InvalidSettingException(PREFIX + key, e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new InvalidSettingException(PREFIX + key, "must be a positive duration, was " + d);
        }
        return d;
    }
}
