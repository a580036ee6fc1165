package dev.murmur.node.auth;

import dev.murmur.protocol.ReasonCode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM-SHA-256 Authentication Method (RFC 5802, RFC 7677) over MQTT 5.0 AUTH packets,
 * against users from configuration. Passwords are turned into salted keys at start-up and then
 * forgotten. Two round trips: client-first (CONNECT) → server-first (AUTH 0x18) → client-final
 * (AUTH 0x18) → server-final (CONNACK, or AUTH 0x00 on re-authentication). Channel binding is
 * not offered; user names are compared as sent (no SASLprep). An unknown user gets a
 * well-formed challenge with a stable fake salt and fails only at the proof, so the exchange
 * does not reveal which user names exist.
 */
public final class ScramSha256Authenticator implements EnhancedAuthenticator {
    public static final String METHOD = "SCRAM-SHA-256";
    private static final String HMAC = "HmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 18;
    private static final int KEY_BITS = 256;

    private final Map<String, Credentials> users = new HashMap<>();
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final byte[] fakeSaltKey = new byte[SALT_BYTES];

    /** What the server keeps per user (RFC 5802 section 3): never the password. */
    private record Credentials(byte[] salt, byte[] storedKey, byte[] serverKey) {
    }

    public ScramSha256Authenticator(Map<String, String> passwords, int iterations) {
        this.iterations = iterations;
        random.nextBytes(fakeSaltKey);
        passwords.forEach((user, password) -> {
            byte[] salt = new byte[SALT_BYTES];
            random.nextBytes(salt);
            byte[] salted = saltedPassword(password, salt, iterations);
            users.put(user, new Credentials(salt, sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key")));
        });
    }

    @Override
    public String method() {
        return METHOD;
    }

    @Override
    public EnhancedAuthExchange start(String clientId, InetSocketAddress remoteAddress) {
        return new Exchange();
    }

    /** One SCRAM conversation: expects client-first, then client-final. */
    private final class Exchange implements EnhancedAuthExchange {
        private String clientFirstBare;
        private String serverFirst;
        private String nonce;
        private String gs2Header;
        private Credentials credentials;

        @Override
        public CompletionStage<AuthStep> step(byte[] clientData) {
            AuthStep result;
            try {
                result = clientFirstBare == null ? first(clientData) : last(clientData);
            } catch (RuntimeException e) {
                result = new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED); // malformed SCRAM message
            }
            return CompletableFuture.completedFuture(result);
        }

        private AuthStep first(byte[] data) {
            String msg = text(data);
            // gs2-header: "n,," (no channel binding) optionally with an authzid "n,a=...,"
            if (!msg.startsWith("n,")) {
                return new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED);
            }
            int bare = msg.indexOf(',', 2) + 1;
            gs2Header = msg.substring(0, bare);
            clientFirstBare = msg.substring(bare);
            Map<Character, String> attrs = attributes(clientFirstBare);
            String user = unescape(attrs.get('n'));
            String clientNonce = attrs.get('r');
            if (user == null || clientNonce == null || clientNonce.isEmpty()) {
                return new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED);
            }
            credentials = users.get(user);
            byte[] salt = credentials != null ? credentials.salt() : fakeSalt(user);
            byte[] serverNonce = new byte[NONCE_BYTES];
            random.nextBytes(serverNonce);
            nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
            serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
            return new AuthStep.Continue(serverFirst.getBytes(StandardCharsets.UTF_8));
        }

        private AuthStep last(byte[] data) {
            String msg = text(data);
            int proofAt = msg.lastIndexOf(",p=");
            if (proofAt < 0) {
                return new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED);
            }
            String withoutProof = msg.substring(0, proofAt);
            Map<Character, String> attrs = attributes(msg);
            String channelBinding = new String(Base64.getDecoder().decode(attrs.getOrDefault('c', "")),
                    StandardCharsets.UTF_8);
            if (credentials == null || !nonce.equals(attrs.get('r')) || !gs2Header.equals(channelBinding)) {
                return new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED);
            }
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] proof = Base64.getDecoder().decode(attrs.get('p'));
            byte[] signature = hmac(credentials.storedKey(), authMessage);
            if (proof.length != signature.length) {
                return new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED);
            }
            byte[] clientKey = new byte[proof.length];
            for (int i = 0; i < proof.length; i++) {
                clientKey[i] = (byte) (proof[i] ^ signature[i]);
            }
            if (!MessageDigest.isEqual(sha256(clientKey), credentials.storedKey())) {
                return new AuthStep.Failed(ReasonCode.NOT_AUTHORIZED);
            }
            byte[] serverSignature = hmac(credentials.serverKey(), authMessage);
            String serverFinal = "v=" + Base64.getEncoder().encodeToString(serverSignature);
            return new AuthStep.Succeeded(serverFinal.getBytes(StandardCharsets.UTF_8));
        }
    }

    private byte[] fakeSalt(String user) {
        byte[] h = hmac(fakeSaltKey, user);
        byte[] salt = new byte[SALT_BYTES];
        System.arraycopy(h, 0, salt, 0, SALT_BYTES);
        return salt;
    }

    /** SCRAM attributes {@code k=v} separated by commas; values may contain '='. */
    private static Map<Character, String> attributes(String msg) {
        Map<Character, String> attrs = new HashMap<>();
        for (String part : msg.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attrs.putIfAbsent(part.charAt(0), part.substring(2));
            }
        }
        return attrs;
    }

    /** RFC 5802 5.1: ',' and '=' in user names travel as "=2C" and "=3D". */
    private static String unescape(String name) {
        return name == null ? null : name.replace("=2C", ",").replace("=3D", "=");
    }

    private static String text(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("no authentication data");
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        }
    }

    static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC + " unavailable", e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
