package dev.murmur.node.connection;

import dev.murmur.protocol.MqttVersion;
import java.net.InetSocketAddress;

/** A connected client as the admin API lists it: who, from where, since when (node-local). */
public record ClientConnection(String clientId, String username, String remoteAddress, MqttVersion version,
                               long connectedAtMillis, int keepAliveSeconds) {

    /** {@code host:port} without the leading slash of InetSocketAddress.toString(). */
    public static String address(InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() + ":" + a.getPort()
                : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /** Anything else that describes a peer (e.g. an edge wrapper): its own text form. */
    public static String address(Object peer) {
        return peer instanceof InetSocketAddress a ? address(a) : String.valueOf(peer);
    }
}
