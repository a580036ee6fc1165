package dev.murmur.node.edge;

import dev.murmur.node.auth.Peer;
import dev.murmur.node.config.ListenerSettings;
import dev.murmur.node.connection.ConnectionServices;
import dev.murmur.node.connection.ConnectionStage;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.proxy.ProxyProtocolParser;
import dev.murmur.node.tls.TlsContext;
import dev.murmur.node.tls.TlsLayers;
import dev.murmur.node.ws.WebSocketEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Builds and runs the stream of one accepted socket, bottom to top:
 * socket → {@link HandshakeGuard} (PROXY header, handshake deadlines) → TLS (tls, wss) →
 * HTTP + WebSocket upgrade (ws, wss) → {@link ConnectionStage}. Every kind ends in the same
 * connection stage; only the layers beneath it differ.
 */
final class ConnectionPipeline {
    private final ActorSystem<?> system;
    private final Materializer materializer;
    private final ListenerSettings listener;
    private final TlsContext tls;
    private final ConnectionServices services;
    private final HandshakeGuard.Events events;
    private final ProxyProtocolParser proxyParser;
    private final ServerSettings httpSettings;

    /** @param tls null for tcp and ws listeners */
    ConnectionPipeline(ActorSystem<?> system, ListenerSettings listener, TlsContext tls, ConnectionServices services,
                       HandshakeGuard.Events events) {
        this.system = system;
        this.materializer = Materializer.matFromSystem(system);
        this.listener = listener;
        this.tls = tls;
        this.services = services;
        this.events = events;
        this.proxyParser = listener.proxyProtocol() ? new ProxyProtocolParser(listener.proxyMaxHeader()) : null;
        this.httpSettings = listener.isWebSocket() ? ServerSettings.create(system.classicSystem()) : null;
    }

    /**
     * Runs the socket's stream. {@code release} frees its connection slot exactly once, when the
     * socket's stream ends, whether or not an MQTT connection was ever established on it.
     */
    void handle(Tcp.IncomingConnection conn, boolean overQuota, Runnable release) {
        Peer peer = new Peer(listener.name(), listener.allowAnonymous(), conn.remoteAddress());
        Runnable once = once(release);
        HandshakeGuard.Deadline[] deadlines = deadlines(peer);
        if ("tcp".equals(listener.kind()) && proxyParser == null) {
            // Plain TCP needs no layer beneath the stage, which releases the slot itself: idle
            // connections cost no more than before listeners had kinds.
            conn.handleWith(mqtt(peer, overQuota, once), materializer);
            return;
        }
        Flow<ByteString, ByteString, NotUsed> socket = conn.flow().watchTermination((m, done) -> {
            done.whenComplete((d, e) -> {
                if (tls != null && peer.tlsSession() == null) {
                    services.metrics().increment(Counter.TLS_HANDSHAKES_FAILED);
                }
                once.run(); // ws: no connection stage exists until the upgrade, so release here
            });
            return m;
        });
        BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> guard =
                BidiFlow.fromGraph(new HandshakeGuard(peer, proxyParser, events, deadlines));
        switch (listener.kind()) {
            case "tcp" -> guard.join(socket).join(mqtt(peer, overQuota, once)).run(materializer);
            case "tls" -> TlsLayers.bytes().atop(TlsLayers.tls(tls, peer)).atop(guard).join(socket)
                    .join(mqtt(peer, overQuota, once)).run(materializer);
            case "ws" -> http(peer).atop(placebo()).atop(guard).join(socket)
                    .join(webSocket(peer, overQuota, once)).run(materializer);
            case "wss" -> http(peer).atop(TlsLayers.tls(tls, peer)).atop(guard).join(socket)
                    .join(webSocket(peer, overQuota, once)).run(materializer);
            default -> throw new IllegalStateException("validated in ListenerSettings: " + listener.kind());
        }
    }

    private HandshakeGuard.Deadline[] deadlines(Peer peer) {
        List<HandshakeGuard.Deadline> d = new ArrayList<>(2);
        if (tls != null) {
            d.add(new HandshakeGuard.Deadline("tls handshake", tls.settings().handshakeTimeout(),
                    () -> peer.tlsSession() != null));
        }
        if (listener.isWebSocket()) {
            d.add(new HandshakeGuard.Deadline("websocket upgrade", listener.upgradeTimeout(), peer::established));
        }
        return d.toArray(HandshakeGuard.Deadline[]::new);
    }

    private Flow<ByteString, ByteString, NotUsed> mqtt(Peer peer, boolean overQuota, Runnable release) {
        return Flow.fromGraph(new ConnectionStage(services, peer, overQuota, release));
    }

    private Flow<HttpRequest, HttpResponse, NotUsed> webSocket(Peer peer, boolean overQuota, Runnable release) {
        return WebSocketEndpoint.handler(listener.path(), peer, () -> mqtt(peer, overQuota, release), materializer);
    }

    private BidiFlow<HttpResponse, TLSProtocol.SslTlsOutbound, TLSProtocol.SslTlsInbound, HttpRequest, NotUsed> http(
            Peer peer) {
        return Http.get(system.classicSystem()).serverLayer(httpSettings, Optional.of(peer.socketAddress()));
    }

    @SuppressWarnings("unchecked")
    private static BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed> placebo() {
        // SessionBytes is an SslTlsInbound; Java generics only need telling.
        return (BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound, NotUsed>)
                (BidiFlow<?, ?, ?, ?, ?>) TLSPlacebo.getInstance();
    }

    private static Runnable once(Runnable r) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }
}
