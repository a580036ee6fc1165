package dev.murmur.node.auth;

import dev.murmur.protocol.ReasonCode;

/** The verdict on a CONNECT: allowed, or refused with the v5 reason code to answer. */
public record AuthResult(boolean allowed, ReasonCode refusal) {
    public static final AuthResult ALLOWED = new AuthResult(true, null);

    public static AuthResult refused(ReasonCode code) {
        return new AuthResult(false, code);
    }
}
