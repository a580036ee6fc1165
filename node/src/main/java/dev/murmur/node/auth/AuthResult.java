package dev.murmur.node.auth;

import dev.murmur.protocol.ReasonCode;

/**
 * The verdict on a CONNECT: allowed, or refused with the v5 reason code to answer.
 * {@code identity} is the authenticated username when it differs from the CONNECT's (a client
 * certificate's CN, say); null keeps the CONNECT's username.
 */
public record AuthResult(boolean allowed, ReasonCode refusal, String identity) {
    public static final AuthResult ALLOWED = new AuthResult(true, null, null);

    public AuthResult(boolean allowed, ReasonCode refusal) {
        this(allowed, refusal, null);
    }

    public static AuthResult refused(ReasonCode code) {
        return new AuthResult(false, code, null);
    }

    /** Allowed, acting as {@code username} from now on (ACL %u, logs). */
    public static AuthResult allowedAs(String username) {
        return new AuthResult(true, null, username);
    }
}
