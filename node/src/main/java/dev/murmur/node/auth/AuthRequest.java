package dev.murmur.node.auth;

import java.net.InetSocketAddress;

/**
 * What a client presents at CONNECT. The password is never logged. {@code peer} carries what the
 * transport knows (listener, real address, TLS client certificate, PROXY header).
 */
public record AuthRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress,
                          Peer peer) {

    /** A request without transport details (a peer on a plain socket at {@code remoteAddress}). */
    public AuthRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress) {
        this(clientId, username, password, remoteAddress, Peer.of(remoteAddress));
    }

    @Override
    public String toString() {
        return "AuthRequest[clientId=" + clientId + ", username=" + username + ", remote=" + remoteAddress + "]";
    }
}
