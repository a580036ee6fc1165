package dev.murmur.node.auth;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The default: every client is allowed (development and trusted networks only). */
public final class AllowAllAuthenticator implements Authenticator {
    private static final CompletionStage<AuthResult> ALLOWED = CompletableFuture.completedFuture(AuthResult.ALLOWED);

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest request) {
        return ALLOWED;
    }
}
