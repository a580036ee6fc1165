package dev.murmur.node.auth;

import java.net.InetAddress;

/**
 * An authenticated client as the authorizer sees it.
 *
 * @param username the authenticated username (certificate identity or CONNECT), null if anonymous
 * @param address  the client's real address (after PROXY protocol)
 */
public record ClientInfo(String clientId, String username, InetAddress address, String listener) {
}
