package dev.murmur.node.auth;

import java.util.concurrent.CompletionStage;

/**
 * One challenge/response exchange of enhanced authentication. Stateful and used by one
 * connection at a time, step after step, never concurrently.
 */
public interface EnhancedAuthExchange {

    /**
     * The next step for the client's Authentication Data (null when the packet carried none):
     * the first call gets the data of CONNECT (or of the re-authenticating AUTH), later calls the
     * data of each AUTH 0x18 the client sends.
     */
    CompletionStage<AuthStep> step(byte[] clientData);
}
