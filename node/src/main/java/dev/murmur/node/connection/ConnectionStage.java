package dev.murmur.node.connection;

import dev.murmur.node.auth.Peer;
import java.net.InetSocketAddress;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * One MQTT connection as one fused stream stage: socket bytes in, socket bytes out. Inside it
 * the decoder frames and decodes, {@link ConnectionLogic} runs the protocol and talks to the
 * session through its stage actor, and the encoder writes replies. One stage per socket keeps
 * per-connection memory small and backpressure end to end.
 */
public final class ConnectionStage extends GraphStage<FlowShape<ByteString, ByteString>> {
    private final Inlet<ByteString> in = Inlet.create("mqtt.in");
    private final Outlet<ByteString> out = Outlet.create("mqtt.out");
    private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
    private final ConnectionServices services;
    private final Peer peer;
    private final boolean overQuota;
    private final Runnable onClose;

    /**
     * @param overQuota the accept path is over a connection limit: answer CONNECT with a refusal
     * @param onClose   called once when the connection ends (releases its connection slot)
     */
    public ConnectionStage(ConnectionServices services, InetSocketAddress remote, boolean overQuota, Runnable onClose) {
        this(services, Peer.of(remote), overQuota, onClose);
    }

    /** A connection whose transport (listener, PROXY header, TLS session) the edge describes in {@code peer}. */
    public ConnectionStage(ConnectionServices services, Peer peer, boolean overQuota, Runnable onClose) {
        this.services = services;
        this.peer = peer;
        this.overQuota = overQuota;
        this.onClose = onClose;
    }

    @Override
    public FlowShape<ByteString, ByteString> shape() {
        return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
        return new ConnectionLogic(shape, services, peer, overQuota, onClose);
    }
}
