package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Authentication and authorisation (murmur.auth): which implementations run and the files the
 * built-in ones read.
 *
 * @param authenticator "builtin" or the class name of an {@code Authenticator}
 * @param authorizer    "builtin" or the class name of an {@code Authorizer}
 * @param passwordFile  built-in password file; null when credentials are not checked
 * @param aclFile       built-in ACL file; null when every publish and subscribe is allowed
 * @param verifyThreads threads hashing passwords off the connection path (PBKDF2 is slow on purpose)
 * @param verifyQueue   CONNECTs waiting for those threads; beyond it CONNACK 0x89 Server busy
 * @param verifiedCacheSize users whose last accepted password is remembered (as a SHA-256
 *                      digest) so a reconnect storm does not re-run PBKDF2 for each
 */
public record SecuritySettings(String authenticator, String authorizer, Path passwordFile,
                               CertificateIdentity certificateIdentity, Path aclFile, Duration reloadInterval,
                               int verifyThreads, int verifyQueue, int verifiedCacheSize) {

    /** The name that selects a built-in implementation. */
    public static final String BUILTIN = "builtin";
    private static final int MAX_THREADS = 256;

    /** Where a verified client certificate's identity (used as the username) comes from. */
    public enum CertificateIdentity { OFF, CN, SAN }

    /** Everything allowed, nothing read: what a node without murmur.auth overrides gets. */
    public static SecuritySettings allowAll() {
        return new SecuritySettings(BUILTIN, BUILTIN, null, CertificateIdentity.OFF, null, Duration.ofSeconds(5),
                1, 1, 1);
    }

    static SecuritySettings from(Config m) {
        String prefix = "murmur.auth.";
        Config a = m.getConfig("auth");
        return new SecuritySettings(nonBlank(a, prefix, "authenticator"), nonBlank(a, prefix, "authorizer"),
                Settings.optionalFile(a, prefix, "password-file"),
                Settings.oneOf(a, prefix, "certificate-identity", CertificateIdentity.class),
                Settings.optionalFile(a, prefix, "acl-file"), Settings.positive(a, prefix, "reload-interval"),
                Settings.intIn(a, prefix, "verify-threads", 1, MAX_THREADS),
                Settings.intIn(a, prefix, "verify-queue", 1, Integer.MAX_VALUE),
                Settings.intIn(a, prefix, "verified-cache-size", 0, Integer.MAX_VALUE));
    }

    private static String nonBlank(Config a, String prefix, String key) {
        String v = a.getString(key).trim();
        if (v.isEmpty()) {
            throw new InvalidSettingException(prefix + key, "must be 'builtin' or a class name");
        }
        return v;
    }
}
