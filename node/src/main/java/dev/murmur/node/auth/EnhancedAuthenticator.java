package dev.murmur.node.auth;

import java.net.InetSocketAddress;

/**
 * SPI for MQTT 5.0 enhanced authentication (section 4.12): one implementation per
 * Authentication Method. A CONNECT (or a re-authentication AUTH) naming {@link #method()} starts
 * a new {@link EnhancedAuthExchange}; the connection relays AUTH packets to it until it
 * succeeds or fails. Kept apart from {@link Authenticator}, which judges user name and password.
 */
public interface EnhancedAuthenticator {

    /** The Authentication Method this implementation speaks, e.g. {@code SCRAM-SHA-256}. */
    String method();

    /** A fresh exchange for one authentication (or re-authentication) of one connection. */
    EnhancedAuthExchange start(String clientId, InetSocketAddress remoteAddress);
}
