package dev.murmur.node.tls;

import javax.net.ssl.SSLEngine;

/** Makes a server-mode SSLEngine for one new connection, configured with the listener's policy. */
interface EngineFactory {
    SSLEngine newEngine();
}
