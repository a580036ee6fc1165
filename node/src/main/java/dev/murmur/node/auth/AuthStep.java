package dev.murmur.node.auth;

import dev.murmur.protocol.ReasonCode;

/** What an {@link EnhancedAuthExchange} answers to one client message. */
public sealed interface AuthStep {

    /** Send AUTH 0x18 (Continue authentication) with this challenge and wait for the answer. */
    record Continue(byte[] serverData) implements AuthStep {
    }

    /** Authenticated; {@code serverData} (may be null) goes into CONNACK or AUTH 0x00. */
    record Succeeded(byte[] serverData) implements AuthStep {
    }

    /** Refused with this reason code (e.g. 0x87 Not authorized, 0x86 Bad user name or password). */
    record Failed(ReasonCode reason) implements AuthStep {
    }
}
