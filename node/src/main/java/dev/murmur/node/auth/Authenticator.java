package dev.murmur.node.auth;

import java.util.concurrent.CompletionStage;

/**
 * Decides whether a CONNECT is allowed; may complete asynchronously (e.g. a remote lookup).
 * Implementations are chosen with {@code murmur.auth.authenticator} (a class name; public
 * constructor taking a {@code com.typesafe.config.Config}, or none). Enhanced authentication
 * (MQTT 5 AUTH exchanges) extends this SPI separately.
 */
public interface Authenticator {
    CompletionStage<AuthResult> authenticate(AuthRequest request);
}
