package dev.murmur.node.auth;

import java.net.InetSocketAddress;

/** What a client presents at CONNECT. The password is never logged. */
public record AuthRequest(String clientId, String username, byte[] password, InetSocketAddress remoteAddress) {
    @Override
    public String toString() {
        return "AuthRequest[clientId=" + clientId + ", username=" + username + ", remote=" + remoteAddress + "]";
    }
}
