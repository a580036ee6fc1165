package dev.murmur.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA512 (RFC 8018) over the password's raw bytes, encoded as
 * {@code $pbkdf2-sha512$<iterations>$<salt base64>$<hash base64>}. Raw bytes because an MQTT
 * password is binary data; the CLI hashes what the operator types as UTF-8.
 */
public final class PasswordHasher {
    /** The OWASP 2023 recommendation for PBKDF2-HMAC-SHA512. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final String PREFIX = "$pbkdf2-sha512$";
    private static final String MAC = "HmacSHA512";
    private static final int SALT_BYTES = 16;
    private static final int MIN_ITERATIONS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public static String hash(byte[] password, int iterations) {
        if (password.length == 0) {
            throw new IllegalArgumentException("empty password");
        }
        if (iterations < MIN_ITERATIONS) {
            throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations");
        }
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** True when {@code encoded} is well-formed and {@code password} matches it (constant-time compare). */
    public static boolean verify(String encoded, byte[] password) {
        if (password == null || password.length == 0 || !isWellFormed(encoded)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        byte[] expected = Base64.getDecoder().decode(parts[2]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[0])));
    }

    public static boolean isWellFormed(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            return false;
        }
        String[] parts = encoded.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[0]);
            return iterations >= MIN_ITERATIONS && Base64.getDecoder().decode(parts[1]).length > 0
                    && Base64.getDecoder().decode(parts[2]).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static byte[] utf8(char[] password) {
        return new String(password).getBytes(StandardCharsets.UTF_8);
    }

    /** PBKDF2 with one output block: dkLen = hLen = 64 bytes. */
    private static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(new SecretKeySpec(password, MAC));
            mac.update(salt);
            byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = mac.doFinal(u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            return t;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA512 unavailable", e);
        }
    }
}
