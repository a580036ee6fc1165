package dev.murmur.node.auth;

import dev.murmur.node.config.SecuritySettings;
import dev.murmur.node.watch.ReloadingFile;
import dev.murmur.protocol.ReasonCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The built-in authenticator, in order: a verified client certificate identity is enough; a
 * client without a username is anonymous, allowed only where its listener allows it; a username
 * is checked against the password file (when one is configured) on a bounded pool of threads.
 */
public final class BuiltInAuthenticator implements Authenticator {
    private static final CompletionStage<AuthResult> ALLOWED = CompletableFuture.completedFuture(AuthResult.ALLOWED);
    private static final CompletionStage<AuthResult> NOT_AUTHORIZED =
            CompletableFuture.completedFuture(AuthResult.refused(ReasonCode.NOT_AUTHORIZED));
    private static final CompletionStage<AuthResult> BAD_CREDENTIALS =
            CompletableFuture.completedFuture(AuthResult.refused(ReasonCode.BAD_USER_NAME_OR_PASSWORD));
    /** Hashed against when the user is unknown, so the answer takes as long as for a known one. */
    private static final String DUMMY_HASH = PasswordHasher.hash(new byte[] {0}, PasswordHasher.DEFAULT_ITERATIONS);

    private final ReloadingFile<Map<String, String>> passwords;
    private final SecuritySettings.CertificateIdentity certificateIdentity;
    private final Executor verifier;
    private final VerifiedCache cache;

    /**
     * @param passwords the password file, or null: usernames are then taken as given
     * @param verifier  where PBKDF2 runs; a rejected task answers 0x89 Server busy
     */
    public BuiltInAuthenticator(ReloadingFile<Map<String, String>> passwords,
                                SecuritySettings.CertificateIdentity certificateIdentity, Executor verifier,
                                int verifiedCacheSize) {
        this.passwords = passwords;
        this.certificateIdentity = certificateIdentity;
        this.verifier = verifier;
        this.cache = new VerifiedCache(verifiedCacheSize);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest request) {
        String certified = CertificateIdentity.of(request.peer(), certificateIdentity);
        if (certified != null) {
            return CompletableFuture.completedFuture(AuthResult.allowedAs(certified));
        }
        if (request.username() == null) {
            return request.peer().allowAnonymous() ? ALLOWED : NOT_AUTHORIZED;
        }
        if (passwords == null) {
            return ALLOWED;
        }
        byte[] password = request.password();
        if (password == null) {
            return BAD_CREDENTIALS;
        }
        String hash = passwords.get().get(request.username());
        if (hash != null && cache.isKnownGood(request.username(), hash, password)) {
            return ALLOWED;
        }
        try {
            return CompletableFuture.supplyAsync(() -> verify(request.username(), hash, password), verifier);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(AuthResult.refused(ReasonCode.SERVER_BUSY));
        }
    }

    private AuthResult verify(String user, String hash, byte[] password) {
        boolean ok = PasswordHasher.verify(hash == null ? DUMMY_HASH : hash, password) && hash != null;
        if (!ok) {
            return AuthResult.refused(ReasonCode.BAD_USER_NAME_OR_PASSWORD);
        }
        cache.remember(user, hash, password);
        return AuthResult.ALLOWED;
    }
}
