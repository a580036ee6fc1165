package dev.murmur.node.connection;

import dev.murmur.protocol.MqttVersion;
import java.net.InetSocketAddress;

/**
 * A connected client as the admin API lists it: who (the authenticated identity), from where
 * (the real address, behind any PROXY header), on which listener, since when. Node-local.
 */
public record ClientConnection(String clientId, String username, String remoteAddress, String listener,
                               MqttVersion version, long connectedAtMillis, int keepAliveSeconds) {

    /** {@code host:port} without the leading slash of InetSocketAddress.toString(). */
    public static String address(InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() + ":" + a.getPort()
                : a.getAddress().getHostAddress() + ":" + a.getPort();
    }

}
