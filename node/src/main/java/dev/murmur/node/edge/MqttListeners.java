package dev.murmur.node.edge;

import dev.murmur.node.auth.Peer;
import dev.murmur.node.config.ListenerSettings;
import dev.murmur.node.connection.ConnectionServices;
import dev.murmur.node.connection.ConnectionStage;
import dev.murmur.node.limits.AcceptGate;
import dev.murmur.node.limits.AddressRateLimiter;
import dev.murmur.node.metrics.Counter;
import dev.murmur.node.tls.TlsContext;
import dev.murmur.node.watch.ReloadRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.io.Inet;
import org.apache.pekko.io.TcpSO;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge: one Pekko Streams TCP bind per configured listener. Each accepted socket passes the
 * listener's accept rate (closed at once when over it), takes a connection slot (or is told
 * 0x97 at CONNECT), and is handed to a {@link ConnectionPipeline} that ends in its own
 * {@link ConnectionStage}.
 */
public final class MqttListeners {
    private static final Logger LOG = LoggerFactory.getLogger(MqttListeners.class);

    /** A bound listener and the port it actually got (port 0 asks for an ephemeral one). */
    public record Bound(ListenerSettings settings, Tcp.ServerBinding binding, TlsContext tls) {
        public Bound(ListenerSettings settings, Tcp.ServerBinding binding) {
            this(settings, binding, null);
        }

        public int port() {
            return binding.localAddress().getPort();
        }
    }

    /**
     * TCP_NODELAY: MQTT packets are small and a handshake (TLS, WebSocket) writes several in a row;
     * Nagle's algorithm would hold each behind the peer's delayed ACK for ~40 ms.
     */
    private static final List<Inet.SocketOption> SOCKET_OPTIONS = List.of(TcpSO.tcpNoDelay(true));

    private final List<Bound> bound = new ArrayList<>();

    /** Binds every listener; fails (naming the listener) when one cannot bind. */
    public static MqttListeners bind(ActorSystem<?> system, List<ListenerSettings> listeners, int nodeMaxConnections,
                                     ConnectionServices services, Duration bindTimeout) {
        return bind(system, listeners, nodeMaxConnections, services, bindTimeout, null);
    }

    /** As above; TLS key material is registered with {@code reloads} (null: never reloaded). */
    public static MqttListeners bind(ActorSystem<?> system, List<ListenerSettings> listeners, int nodeMaxConnections,
                                     ConnectionServices services, Duration bindTimeout, ReloadRegistry reloads) {
        MqttListeners result = new MqttListeners();
        AtomicInteger nodeCount = new AtomicInteger();
        for (ListenerSettings l : listeners) {
            AddressRateLimiter perAddress = l.addressRate() > 0
                    ? new AddressRateLimiter(l.addressRate(), l.addressBurst(), l.addressesTracked()) : null;
            HandshakeGuard.Events events = new GuardEvents(services, perAddress);
            TlsContext tls;
            try {
                tls = l.isTls() ? TlsContext.load(l.name(), l.tls()) : null;
            } catch (IllegalStateException e) {
                result.unbindAll();
                throw e;
            }
            ConnectionLimiter limiter = new ConnectionLimiter(nodeCount, nodeMaxConnections, l.maxConnections());
            AcceptGate gate = new AcceptGate(l.connectionRate(), l.connectionBurst());
            ConnectionPipeline pipeline = new ConnectionPipeline(system, l, tls, services, events);
            CompletionStage<Tcp.ServerBinding> binding = Tcp.get(system)
                    .bind(l.host(), l.port(), l.backlog(), SOCKET_OPTIONS, false, Optional.empty())
                    .to(Sink.foreach(conn -> {
                        // Without a PROXY header the socket's address is the client's: check it first,
                        // so one flooding address does not use up the listener's tokens.
                        if (perAddress != null && !l.proxyProtocol()
                                && !perAddress.tryAcquire(conn.remoteAddress().getAddress()) || !gate.tryAccept()) {
                            services.metrics().increment(Counter.CONNECTIONS_REFUSED_RATE);
                            conn.handleWith(Flow.fromSinkAndSourceCoupled(Sink.cancelled(), Source.empty()), system);
                            return;
                        }
                        boolean admitted = limiter.tryAcquire();
                        pipeline.handle(conn, !admitted, admitted ? limiter::release : () -> { });
                    }))
                    .run(system);
            try {
                Tcp.ServerBinding b = binding.toCompletableFuture().get(bindTimeout.toMillis(), TimeUnit.MILLISECONDS);
                result.bound.add(new Bound(l, b, tls));
                if (tls != null && reloads != null) {
                    reloads.register(tls, l.tls().reloadInterval());
                }
                InetSocketAddress a = b.localAddress();
                LOG.info("event=listener_bound name={} kind={} address={}:{} max_connections={} connection_rate={}"
                        + " proxy_protocol={} allow_anonymous={}", l.name(), l.kind(), a.getHostString(), a.getPort(),
                        l.maxConnections(), l.connectionRate(), l.proxyProtocol(), l.allowAnonymous());
            } catch (Exception e) {
                result.unbindAll();
                throw new IllegalStateException("listener '" + l.name() + "' cannot bind " + l.host() + ":" + l.port()
                        + ": " + rootMessage(e), e);
            }
        }
        return result;
    }

    public List<Bound> bound() {
        return List.copyOf(bound);
    }

    /** The first bound listener of {@code kind} (tests, tools). */
    public Optional<Bound> first(String kind) {
        return bound.stream().filter(b -> b.settings().kind().equals(kind)).findFirst();
    }

    /** Stops accepting on every listener; open connections are not touched. */
    public CompletionStage<Void> unbindAll() {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Bound b : bound) {
            all.add(b.binding().unbind().toCompletableFuture());
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Guard outcomes: counted and logged with the socket's address (the header was not trusted). */
    private record GuardEvents(ConnectionServices services, AddressRateLimiter perAddress)
            implements HandshakeGuard.Events {
        @Override
        public void proxyHeaderRejected(Peer peer, String reason) {
            services.metrics().increment(Counter.PROXY_HEADERS_REJECTED);
            LOG.info("event=proxy_header_rejected listener={} socket={} reason=\"{}\"", peer.listener(),
                    peer.socketAddress(), reason);
        }

        @Override
        public boolean admitRealAddress(Peer peer) {
            if (perAddress == null || perAddress.tryAcquire(peer.address().getAddress())) {
                return true;
            }
            services.metrics().increment(Counter.CONNECTIONS_REFUSED_RATE);
            return false;
        }

        @Override
        public void handshakeTimedOut(Peer peer, String what) {
            services.metrics().increment(Counter.HANDSHAKE_TIMEOUTS);
            LOG.info("event=handshake_timeout listener={} remote={} what=\"{}\"", peer.listener(), peer, what);
        }
    }
}
