package dev.murmur.node.auth;

import dev.murmur.protocol.ReasonCode;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the authorizer's connect check after any authenticator has accepted a client, so a ban
 * (ACL "deny connect") holds whatever authenticator is configured: CONNACK 0x87 (v5) / 0x05.
 */
public final class ConnectAuthorizer implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectAuthorizer.class);

    private final Authenticator delegate;
    private final Authorizer authorizer;

    public ConnectAuthorizer(Authenticator delegate, Authorizer authorizer) {
        this.delegate = delegate;
        this.authorizer = authorizer;
    }

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest request) {
        return delegate.authenticate(request).thenApply(result -> {
            if (!result.allowed()) {
                return result;
            }
            String user = result.identity() != null ? result.identity() : request.username();
            ClientInfo client = new ClientInfo(request.clientId(), user, request.peer().address().getAddress(),
                    request.peer().listener());
            if (authorizer.mayConnect(client)) {
                return result;
            }
            LOG.info("event=connect_denied_by_acl client_id={} user={} remote={}", request.clientId(), user,
                    request.peer());
            return AuthResult.refused(ReasonCode.NOT_AUTHORIZED);
        });
    }
}
