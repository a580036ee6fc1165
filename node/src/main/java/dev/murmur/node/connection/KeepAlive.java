package dev.murmur.node.connection;

import dev.murmur.node.auth.Peer;
import dev.murmur.node.metrics.Counter;
import dev.murmur.protocol.ReasonCode;
import java.time.Duration;

/**
 * The keep-alive of one connection: a client that sends nothing for one and a half keep-alive
 * periods is disconnected (MQTT-3.1.2-22, MQTT-3.1.2-24; v5 DISCONNECT 0x8D). One timer per
 * connection, re-armed for the time still left when it fires rather than on every read.
 */
final class KeepAlive {
    static final String TIMER = "keep-alive";
    /** MQTT-3.1.2-24: the server allows one and a half keep-alive periods. */
    private static final double KEEP_ALIVE_GRACE = 1.5;

    private final ConnectionLogic c;
    private final Peer remote;
    private int keepAliveMillis;
    private long lastReadNanos;

    KeepAlive(ConnectionLogic c, Peer remote) {
        this.c = c;
        this.remote = remote;
    }

    /** Bytes arrived from the client. */
    void read() {
        lastReadNanos = System.nanoTime();
    }

    /** CONNECT settled the keep-alive (the client's, or the server's Server Keep Alive); 0 is none. */
    void settled(int seconds) {
        keepAliveMillis = seconds * 1000;
    }

    int seconds() {
        return keepAliveMillis / 1000;
    }

    /** The client is connected: the first check is due one grace period from now. */
    void start() {
        if (keepAliveMillis > 0) {
            c.scheduleTimer(TIMER, Duration.ofMillis((long) (keepAliveMillis * KEEP_ALIVE_GRACE)));
        }
    }

    /** The timer fired: close an idle connection, or check again when its grace runs out. */
    void due() {
        long graceNanos = (long) (keepAliveMillis * KEEP_ALIVE_GRACE) * 1_000_000L;
        long idle = System.nanoTime() - lastReadNanos;
        if (idle >= graceNanos) {
            c.services().metrics().increment(Counter.KEEP_ALIVE_TIMEOUTS);
            c.log().info("event=keep_alive_timeout client_id={} remote={}", c.clientId(), remote);
            c.close("keep_alive_timeout", ReasonCode.KEEP_ALIVE_TIMEOUT); // MQTT-3.1.2-22 (v5: 0x8D)
        } else {
            c.scheduleTimer(TIMER, Duration.ofNanos(graceNanos - idle));
        }
    }
}
