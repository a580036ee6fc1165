package dev.murmur.load.client;

import dev.murmur.protocol.QoS;
import dev.murmur.protocol.ReasonCode;
import dev.murmur.protocol.packet.ConnAck;
import dev.murmur.protocol.packet.Connect;
import dev.murmur.protocol.packet.Disconnect;
import dev.murmur.protocol.packet.MqttPacket;
import dev.murmur.protocol.packet.PubAck;
import dev.murmur.protocol.packet.PubComp;
import dev.murmur.protocol.packet.PubRec;
import dev.murmur.protocol.packet.PubRel;
import dev.murmur.protocol.packet.Publish;
import dev.murmur.protocol.packet.SubAck;
import dev.murmur.protocol.packet.Subscribe;
import dev.murmur.protocol.packet.Subscription;
import dev.murmur.protocol.packet.UnsubAck;
import dev.murmur.protocol.packet.Unsubscribe;
import dev.murmur.protocol.property.Properties;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated MQTT client. It is pinned to one event loop for its whole life, so its session
 * state needs no locks, and it may connect many times (persistent sessions). Methods that take a
 * future may be called from any thread; {@link #publish} only from the client's event loop.
 */
public final class MqttClient {
    private final String clientId;
    private final ClientOptions options;
    private final ClientEngine engine;
    private final EventLoop loop;
    private final ClientListener listener;
    private final ClientSession session = new ClientSession();

    private Channel channel;
    private boolean connected;
    private boolean closeExpected;
    private boolean flushPending;
    private int window;
    private long connectStartNanos;
    private CompletableFuture<ConnAck> connecting;
    private volatile InetSocketAddress target;

    MqttClient(String clientId, ClientOptions options, ClientEngine engine, EventLoop loop, ClientListener listener) {
        this.clientId = clientId;
        this.options = options;
        this.engine = engine;
        this.loop = loop;
        this.listener = listener;
    }

    public String clientId() {
        return clientId;
    }

    public EventLoop eventLoop() {
        return loop;
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * The broker address the next {@link #connect} goes to; null (the default) means the engine's
     * target. A cluster client that lost its node reconnects to another one with the same client
     * id, so its session resumes there.
     */
    public void target(InetSocketAddress address) {
        this.target = address;
    }

    /** The address set with {@link #target(InetSocketAddress)}, or null for the engine's target. */
    public InetSocketAddress target() {
        return target;
    }

    /** Opens a connection and completes with the CONNACK, or fails with the cause. */
    public CompletableFuture<ConnAck> connect() {
        CompletableFuture<ConnAck> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (channel != null) {
                result.completeExceptionally(new IllegalStateException(clientId + " is already connected"));
                return;
            }
            connecting = result;
            closeExpected = false;
            engine.stats().attempt();
            engine.open(this).addListener(f -> {
                if (!f.isSuccess()) {
                    channel = null;
                    failConnect("connect: " + ClientEngine.describe(f.cause()), f.cause());
                }
            });
        });
        return result;
    }

    /** Subscribes and completes with the SUBACK (whose reason codes the caller checks). */
    public CompletableFuture<SubAck> subscribe(List<Subscription> subscriptions) {
        return exchange(id -> new Subscribe(id, subscriptions, Properties.EMPTY)).thenApply(p -> (SubAck) p);
    }

    public CompletableFuture<UnsubAck> unsubscribe(List<String> filters) {
        return exchange(id -> new Unsubscribe(id, filters, Properties.EMPTY)).thenApply(p -> (UnsubAck) p);
    }

    private CompletableFuture<MqttPacket> exchange(java.util.function.IntFunction<MqttPacket> packet) {
        CompletableFuture<MqttPacket> f = new CompletableFuture<>();
        loop.execute(() -> {
            if (!connected) {
                f.completeExceptionally(new IllegalStateException(clientId + " is not connected"));
                return;
            }
            int id = session.allocateId();
            session.await(id, f);
            channel.writeAndFlush(packet.apply(id), channel.voidPromise());
        });
        return f;
    }

    /** Whether a message at {@code qos} may go out now (connected, writable, window not full). */
    public boolean canPublish(QoS qos) {
        return connected && channel.isWritable() && (qos == QoS.AT_MOST_ONCE || session.inflight() < window);
    }

    /**
     * Writes a PUBLISH without flushing (see {@link #flush}); the caller checked
     * {@link #canPublish} on this event loop. {@code listener} hears of the acknowledgement.
     */
    public void publish(String topic, QoS qos, boolean retain, byte[] payload, PublishListener ack, long token) {
        int id = qos == QoS.AT_MOST_ONCE ? 0 : session.allocateId();
        Publish p = new Publish(topic, qos, retain, false, id, payload, Properties.EMPTY);
        if (qos != QoS.AT_MOST_ONCE) {
            session.track(new ClientSession.Outbound(p, ack, token));
        }
        channel.write(p, channel.voidPromise());
        flushPending = true;
    }

    /** Flushes what {@link #publish} wrote. */
    public void flush() {
        if (flushPending && channel != null) {
            flushPending = false;
            channel.flush();
        }
    }

    /** Sends DISCONNECT and closes; completes when the socket is closed. */
    public CompletableFuture<Void> disconnect() {
        return close(true);
    }

    /** Closes the socket without DISCONNECT, as a crashing device would (fault injection). */
    public CompletableFuture<Void> drop() {
        return close(false);
    }

    private CompletableFuture<Void> close(boolean graceful) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            Channel ch = channel;
            if (ch == null) {
                done.complete(null);
                return;
            }
            closeExpected = true;
            if (graceful && connected) {
                ch.writeAndFlush(Disconnect.NORMAL);
            }
            ch.close().addListener(f -> done.complete(null));
        });
        return done;
    }

    public boolean isConnected() {
        return connected;
    }

    /** Outbound QoS 1/2 messages awaiting completion. */
    public int inflight() {
        return session.inflight();
    }

    // ---- called by MqttClientHandler on the event loop ----

    void attached(Channel ch) {
        this.channel = ch;
    }

    void transportReady() {
        connectStartNanos = System.nanoTime();
        Properties props = options.version().isV5() && options.sessionExpiry() > 0
                ? Properties.builder().sessionExpiryInterval(options.sessionExpiry()).build() : Properties.EMPTY;
        channel.writeAndFlush(new Connect(options.version(), clientId, options.cleanStart(), options.keepAliveSeconds(),
                options.username(), options.password(), null, props), channel.voidPromise());
        loop.schedule(() -> {
            if (!connected && connecting != null && channel != null) {
                failConnect("CONNACK timeout", null);
                channel.close();
            }
        }, options.connackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onConnAck(ConnAck ack) {
        if (ack.reasonCode().isError()) {
            failConnect("CONNACK " + ack.reasonCode(), null);
            channel.close();
            return;
        }
        connected = true;
        Integer receiveMax = ack.properties().receiveMaximum();
        window = Math.min(options.maxInflight(), receiveMax == null ? 65_535 : receiveMax);
        engine.stats().connected(System.nanoTime() - connectStartNanos);
        if (!ack.sessionPresent()) {
            session.reset();
        } else {
            resend();
        }
        CompletableFuture<ConnAck> f = connecting;
        connecting = null;
        if (f != null) {
            f.complete(ack);
        }
    }

    /** MQTT-4.4.0-1: on a resumed session, unacknowledged PUBLISH and PUBREL packets go again. */
    private void resend() {
        for (ClientSession.Outbound o : session.outbound()) {
            Publish p = o.publish;
            channel.write(o.released ? PubRel.of(p.packetId())
                    : new Publish(p.topic(), p.qos(), p.retain(), true, p.packetId(), p.payload(), p.properties()),
                    channel.voidPromise());
        }
        channel.flush();
    }

    void onPublish(Publish p, long nowNanos) {
        switch (p.qos()) {
            case AT_MOST_ONCE -> listener.onPublish(this, p, nowNanos);
            case AT_LEAST_ONCE -> {
                listener.onPublish(this, p, nowNanos);
                channel.write(PubAck.of(p.packetId()), channel.voidPromise());
            }
            case EXACTLY_ONCE -> {
                if (session.receiveQos2(p.packetId())) {
                    listener.onPublish(this, p, nowNanos);
                }
                channel.write(PubRec.of(p.packetId()), channel.voidPromise());
            }
        }
    }

    void onPubRel(int packetId) {
        session.releaseQos2(packetId);
        channel.write(PubComp.of(packetId), channel.voidPromise());
    }

    void onPubAck(int packetId, ReasonCode rc) {
        ClientSession.Outbound o = session.complete(packetId);
        if (o != null) {
            report(o, rc);
        }
    }

    void onPubRec(int packetId, ReasonCode rc) {
        ClientSession.Outbound o = session.outbound(packetId);
        if (o == null) {
            return;
        }
        if (rc.isError()) {
            session.complete(packetId);
        } else if (!o.released) {
            o.released = true;
        }
        report(o, rc);
        if (!rc.isError()) {
            channel.write(PubRel.of(packetId), channel.voidPromise());
        }
    }

    void onPubComp(int packetId) {
        session.complete(packetId);
    }

    private static void report(ClientSession.Outbound o, ReasonCode rc) {
        if (o.listener == null) {
            return;
        }
        if (rc.isError()) {
            o.listener.refused(o.token, rc);
        } else {
            o.listener.accepted(o.token);
        }
    }

    void onAnswer(int packetId, MqttPacket answer) {
        CompletableFuture<MqttPacket> f = session.answered(packetId);
        if (f != null) {
            f.complete(answer);
        }
    }

    void onServerDisconnect(Disconnect d) {
        engine.stats().dropCause("DISCONNECT " + d.reasonCode());
    }

    void onClosed(Throwable cause) {
        boolean wasConnected = connected;
        connected = false;
        channel = null;
        flushPending = false;
        if (sessionEndsWithConnection()) {
            session.reset();
        }
        session.failPending(new IllegalStateException("connection closed"));
        engine.stats().closed(wasConnected, closeExpected);
        if (wasConnected && !closeExpected && cause != null) {
            engine.stats().dropCause(ClientEngine.describe(cause));
        }
        if (connecting != null) {
            failConnect(cause == null ? "closed before CONNACK" : "connect: " + ClientEngine.describe(cause), cause);
        }
        listener.onClosed(this, closeExpected);
    }

    private boolean sessionEndsWithConnection() {
        return options.version().isV5() ? options.sessionExpiry() == 0 : options.cleanStart();
    }

    private void failConnect(String cause, Throwable t) {
        CompletableFuture<ConnAck> f = connecting;
        connecting = null;
        if (f != null) {
            engine.stats().failed(cause);
            f.completeExceptionally(t != null ? t : new IllegalStateException(cause));
        }
    }
}
