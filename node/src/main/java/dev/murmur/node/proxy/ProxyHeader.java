package dev.murmur.node.proxy;

import java.net.InetSocketAddress;

/**
 * A PROXY protocol header (v1 or v2) as sent by a load balancer before the client's bytes.
 *
 * @param source      the real client address; null for v1 UNKNOWN, v2 LOCAL (the balancer's own
 *                    health check) or an address family without ports (UNIX, UNSPEC)
 * @param destination the address the client connected to; null where source is null
 * @param ssl         the v2 SSL TLV (TLS terminated by the balancer), or null
 */
public record ProxyHeader(int version, InetSocketAddress source, InetSocketAddress destination, Ssl ssl) {

    /**
     * What a TLS-terminating balancer reports about the client's TLS (PP2_TYPE_SSL).
     *
     * @param clientSsl        the client connected over TLS (PP2_CLIENT_SSL)
     * @param clientCert       the client presented a certificate on this connection or session
     * @param verifyResult     0 when the balancer verified the certificate
     * @param tlsVersion       PP2_SUBTYPE_SSL_VERSION, e.g. "TLSv1.3"; null if absent
     * @param clientCn         PP2_SUBTYPE_SSL_CN; null if absent
     */
    public record Ssl(boolean clientSsl, boolean clientCert, long verifyResult, String tlsVersion, String clientCn) {
        /** The balancer checked a client certificate and it passed. */
        public boolean clientCertVerified() {
            return clientSsl && clientCert && verifyResult == 0 && clientCn != null;
        }
    }
}
