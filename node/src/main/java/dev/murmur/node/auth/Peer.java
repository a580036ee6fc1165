package dev.murmur.node.auth;

import dev.murmur.node.proxy.ProxyHeader;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Who is at the other end of one socket, as the transport learns it: the listener, the socket
 * address, then (before the first MQTT byte) the PROXY header and the TLS session. Written by
 * the edge's stages and read by the connection stage, possibly on other threads, hence volatile.
 */
public final class Peer {
    private final String listener;
    private final boolean allowAnonymous;
    private final InetSocketAddress socketAddress;
    private volatile ProxyHeader proxy;
    private volatile SSLSession tlsSession;
    private volatile boolean established;

    public Peer(String listener, boolean allowAnonymous, InetSocketAddress socketAddress) {
        this.listener = listener;
        this.allowAnonymous = allowAnonymous;
        this.socketAddress = socketAddress;
    }

    /** A peer on a plain socket (tests, tools). */
    public static Peer of(InetSocketAddress socketAddress) {
        return new Peer("direct", true, socketAddress);
    }

    public String listener() {
        return listener;
    }

    public boolean allowAnonymous() {
        return allowAnonymous;
    }

    public InetSocketAddress socketAddress() {
        return socketAddress;
    }

    /** The client's real address: the PROXY header's source when there is one, else the socket's. */
    public InetSocketAddress address() {
        ProxyHeader p = proxy;
        return p != null && p.source() != null ? p.source() : socketAddress;
    }

    public ProxyHeader proxy() {
        return proxy;
    }

    public void proxy(ProxyHeader header) {
        this.proxy = header;
    }

    public SSLSession tlsSession() {
        return tlsSession;
    }

    public void tlsSession(SSLSession session) {
        this.tlsSession = session;
    }

    /** The transport handshake (TLS, WebSocket upgrade) is done; the deadline guard stands down. */
    public boolean established() {
        return established;
    }

    public void markEstablished() {
        this.established = true;
    }

    /** The verified client certificate chain (leaf first) of this node's TLS session; empty without one. */
    public List<X509Certificate> clientCertificates() {
        SSLSession s = tlsSession;
        if (s == null) {
            return List.of();
        }
        try {
            Certificate[] chain = s.getPeerCertificates();
            return java.util.Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    @Override
    public String toString() {
        InetSocketAddress a = address();
        return a == null ? "unknown" : a.getAddress() == null ? a.getHostString() + ":" + a.getPort()
                : a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
