package dev.murmur.node.edge;

import dev.murmur.node.config.ListenerSettings;
import dev.murmur.node.connection.ConnectionServices;
import dev.murmur.node.connection.ConnectionStage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge: one Pekko Streams TCP bind per configured listener; every accepted socket is
 * checked against the connection limits and handled by its own {@link ConnectionStage}.
 */
public final class MqttListeners {
    private static final Logger LOG = LoggerFactory.getLogger(MqttListeners.class);

    /** A bound listener and the port it actually got (port 0 asks for an ephemeral one). */
    public record Bound(ListenerSettings settings, Tcp.ServerBinding binding) {
        public int port() {
            return binding.localAddress().getPort();
        }
    }

    private final List<Bound> bound = new ArrayList<>();

    /** Binds every listener; fails (naming the listener) when one cannot bind. */
    public static MqttListeners bind(ActorSystem<?> system, List<ListenerSettings> listeners, int nodeMaxConnections,
                                     ConnectionServices services, Duration bindTimeout) {
        MqttListeners result = new MqttListeners();
        AtomicInteger nodeCount = new AtomicInteger();
        for (ListenerSettings l : listeners) {
            ConnectionLimiter limiter = new ConnectionLimiter(nodeCount, nodeMaxConnections, l.maxConnections());
            CompletionStage<Tcp.ServerBinding> binding = Tcp.get(system).bind(l.host(), l.port())
                    .to(Sink.foreach(conn -> {
                        boolean admitted = limiter.tryAcquire();
                        Runnable release = admitted ? limiter::release : () -> { };
                        conn.handleWith(Flow.fromGraph(new ConnectionStage(services, conn.remoteAddress(),
                                !admitted, release)), system);
                    }))
                    .run(system);
            try {
                Tcp.ServerBinding b = binding.toCompletableFuture().get(bindTimeout.toMillis(), TimeUnit.MILLISECONDS);
                result.bound.add(new Bound(l, b));
                InetSocketAddress a = b.localAddress();
                LOG.info("event=listener_bound name={} kind={} address={}:{} max_connections={}", l.name(), l.kind(),
                        a.getHostString(), a.getPort(), l.maxConnections());
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
}
