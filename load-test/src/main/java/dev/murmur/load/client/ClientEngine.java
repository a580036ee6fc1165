package dev.murmur.load.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

/**
 * The client swarm's Netty machinery: one event-loop group (epoll when the native transport
 * loads, NIO otherwise) shared by every client, the pipeline for TCP, TLS and WebSocket, and
 * source-address spreading. Creating clients is cheap; connecting them is paced by the caller.
 */
public final class ClientEngine implements AutoCloseable {
    /** A dead broker's socket is given up after 1.5 keep-alive periods, as a broker would do. */
    private static final double READ_IDLE_FACTOR = 1.5;

    private final TransportOptions transport;
    private final MultiThreadIoEventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final String transportName;
    private final InetSocketAddress remote;
    private final SourceAddresses sources;
    private final SslContext ssl;
    private final String sslProvider;
    private final ConnectionStats stats = new ConnectionStats();

    public ClientEngine(TransportOptions transport, long plannedConnections) {
        this.transport = transport;
        boolean epoll = switch (transport.transport()) {
            case "epoll" -> {
                Epoll.ensureAvailability();
                yield true;
            }
            case "nio" -> false;
            default -> Epoll.isAvailable();
        };
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(transport.threads(), io);
        this.channelClass = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.transportName = epoll ? "epoll" : "nio";
        InetAddress address;
        try {
            address = InetAddress.getByName(transport.host());
        } catch (UnknownHostException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalArgumentException("unknown host " + transport.host(), e);
        }
        this.remote = new InetSocketAddress(address, transport.port());
        this.sources = SourceAddresses.forTarget(address, transport.sourceAddresses(), plannedConnections);
        this.ssl = transport.tls() == null ? null : TlsContexts.client(transport.tls());
        this.sslProvider = ssl == null ? null : (ssl.isClient() && ssl instanceof io.netty.handler.ssl.OpenSslContext
                ? "openssl" : "jdk");
    }

    /** A new client pinned to the next event loop; nothing is opened yet. */
    public MqttClient client(String clientId, ClientOptions options, ClientListener listener) {
        return new MqttClient(clientId, options, this, (EventLoop) group.next(), listener);
    }

    ChannelFuture open(MqttClient client) {
        ClientOptions opts = client.options();
        Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) transport.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch.pipeline(), client, opts);
                    }
                });
        InetSocketAddress to = client.target() != null ? client.target() : remote;
        InetSocketAddress local = to == remote ? sources.next() : null;
        return local == null ? b.connect(to) : b.connect(to, local);
    }

    private void pipeline(ChannelPipeline p, MqttClient client, ClientOptions opts) {
        if (ssl != null) {
            p.addLast("tls", ssl.newHandler(p.channel().alloc(), transport.host(), transport.port()));
        }
        if (transport.webSocketPath() != null) {
            WebSockets.addClientHandlers(p, ssl != null, transport.host(), transport.port(), transport.webSocketPath(),
                    opts.maxPacketSize());
        }
        int keepAlive = opts.keepAliveSeconds();
        if (keepAlive > 0) {
            p.addLast("idle", new IdleStateHandler((long) (keepAlive * READ_IDLE_FACTOR * 1000), keepAlive * 1000L,
                    0, TimeUnit.MILLISECONDS));
        }
        p.addLast("mqtt-decoder", new MqttPacketDecoder(opts.version(), opts.maxPacketSize()));
        p.addLast("mqtt-encoder", new MqttPacketEncoder(opts.version()));
        p.addLast("mqtt-client", new MqttClientHandler(client));
    }

    public ConnectionStats stats() {
        return stats;
    }

    /** "epoll" or "nio". */
    public String transportName() {
        return transportName;
    }

    /** "tcp", "ws", "tls (jdk)", "wss (openssl)", ... */
    public String protocolName() {
        boolean ws = transport.webSocketPath() != null;
        return ssl == null ? (ws ? "ws" : "tcp") : (ws ? "wss" : "tls") + " (" + sslProvider + ")";
    }

    public int sourceAddressCount() {
        return sources.count();
    }

    /** Runs {@code task} on every event loop at a fixed rate (publish pacing, one task per loop). */
    public void everyLoop(java.util.function.Consumer<EventLoop> setup) {
        group.forEach(e -> setup.accept((EventLoop) e));
    }

    /** A scheduler for the run's own timers. */
    public EventLoop scheduler() {
        return (EventLoop) group.next();
    }

    /** A short cause for failure tables: the exception's simple name and first message line. */
    static String describe(Throwable t) {
        if (t == null) {
            return "unknown";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        String name = root.getClass().getSimpleName();
        if (msg == null) {
            return name;
        }
        // Addresses and ports vary per connection; strip them so causes aggregate.
        msg = msg.replaceAll("/?\\d+\\.\\d+\\.\\d+\\.\\d+(:\\d+)?", "").replaceAll("\\s+", " ").trim();
        int nl = msg.indexOf('\n');
        return name + ": " + (nl > 0 ? msg.substring(0, nl) : msg);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
