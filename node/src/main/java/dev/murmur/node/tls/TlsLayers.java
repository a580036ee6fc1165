package dev.murmur.node.tls;

import dev.murmur.node.auth.Peer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.util.ByteString;

/** Pekko Streams TLS for one server connection, with the session handed to the {@link Peer}. */
public final class TlsLayers {
    private TlsLayers() {
    }

    /**
     * The TLS stage: plaintext records above, ciphertext below. The engine comes from the
     * listener's current material; when the handshake completes the session (with any client
     * certificate) is recorded on {@code peer} before the first application byte moves up.
     */
    public static BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> tls(
            TlsContext context, Peer peer) {
        // eagerClose: when the MQTT side closes, close_notify goes out and the socket closes.
        return TLS.create(context::newEngine, peer::tlsSession, TLSClosing.eagerClose());
    }

    /** Adapts plain ByteString streams to TLS's session-aware messages. */
    public static BidiFlow<ByteString, TLSProtocol.SslTlsOutbound, TLSProtocol.SslTlsInbound, ByteString, NotUsed> bytes() {
        return BidiFlow.fromFlows(
                Flow.<ByteString>create().map(b -> (TLSProtocol.SslTlsOutbound) new TLSProtocol.SendBytes(b)),
                Flow.<TLSProtocol.SslTlsInbound>create()
                        .filter(m -> m instanceof TLSProtocol.SessionBytes)
                        .map(m -> ((TLSProtocol.SessionBytes) m).bytes()));
    }
}
