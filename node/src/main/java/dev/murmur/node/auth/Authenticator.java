package dev.murmur.node.auth;

import java.util.concurrent.CompletionStage;

/** Decides whether a CONNECT is allowed; may complete asynchronously (e.g. a remote lookup). */
public interface Authenticator {
    CompletionStage<AuthResult> authenticate(AuthRequest request);
}
