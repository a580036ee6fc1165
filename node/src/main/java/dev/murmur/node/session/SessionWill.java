package dev.murmur.node.session;

import dev.murmur.node.metrics.Counter;
import dev.murmur.node.routing.RoutedMessage;
import dev.murmur.protocol.packet.Will;
import dev.murmur.protocol.property.Properties;
import dev.murmur.protocol.property.PropertyId;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The will of a session and its delay (MQTT 5.0 3.1.2.5, 3.1.3.2.2). After the connection closes
 * without a normal DISCONNECT, the will is published when its Will Delay Interval has passed or
 * the session ends, whichever comes first (MQTT-3.1.2-8); a new connection to the session before
 * then cancels it (MQTT-3.1.3-9). The will stays in the session state while it waits.
 */
final class SessionWill {
    /** Pekko's scheduler cannot wait longer than about 248 days. */
    private static final long MAX_TIMER_SECONDS = Duration.ofDays(240).toSeconds();

    private final String clientId;
    private final SessionState state;
    private final SessionServices services;
    private final TimerScheduler<ShardMessage> timers;
    private final SessionMode mode;

    SessionWill(String clientId, SessionState state, SessionServices services, TimerScheduler<ShardMessage> timers,
                SessionMode mode) {
        this.clientId = clientId;
        this.state = state;
        this.services = services;
        this.timers = timers;
        this.mode = mode;
    }

    /** A new connection attaches: a will still waiting for its delay is not published (MQTT-3.1.3-9). */
    void connectionOpened() {
        timers.cancel(SessionCommand.WillDelayElapsed.INSTANCE);
    }

    /**
     * The connection closed. {@code publish} is false after a normal DISCONNECT, which deletes the
     * will (MQTT-3.1.2-10); a session ending now ({@code sessionExpirySeconds} 0) publishes at once.
     */
    void connectionClosed(boolean publish, long sessionExpirySeconds) {
        Will will = state.will();
        if (will == null) {
            return;
        }
        if (!publish) {
            apply(SessionEvent.WillCleared.INSTANCE);
            return;
        }
        long delay = delayOf(will);
        if (delay == 0 || sessionExpirySeconds == 0) {
            publish();
        } else if (delay <= MAX_TIMER_SECONDS) {
            timers.startSingleTimer(SessionCommand.WillDelayElapsed.INSTANCE, Duration.ofSeconds(delay));
        }
    }

    /**
     * A journaled session recovered without a connection but with its will still waiting for its
     * delay (its node stopped or died, or its shard moved, while the timer ran): the delay runs on
     * from the recorded disconnect, or afresh when none was recorded (MQTT-3.1.2-8).
     */
    void recoveredOffline(long disconnectedAtMillis) {
        Will will = state.will();
        if (will == null) {
            return;
        }
        long delay = delayOf(will);
        if (delay > MAX_TIMER_SECONDS) {
            return;
        }
        long remainingMillis = disconnectedAtMillis > 0
                ? Math.max(0, disconnectedAtMillis + Duration.ofSeconds(delay).toMillis() - System.currentTimeMillis())
                : Duration.ofSeconds(delay).toMillis();
        timers.startSingleTimer(SessionCommand.WillDelayElapsed.INSTANCE, Duration.ofMillis(remainingMillis));
    }

    /** The delay passed while no connection came back. */
    void delayElapsed(boolean connected) {
        if (!connected) {
            publish();
        }
    }

    /**
     * Another connection takes the session over: the old connection closed, and the new one is
     * opened at the same moment, so only a will without delay is published.
     */
    void takenOver() {
        Will will = state.will();
        if (will != null && delayOf(will) == 0) {
            publish();
        }
    }

    /** The session ends: a will still waiting for its delay goes out now (MQTT-3.1.2-8). */
    void sessionEnding(boolean connected) {
        timers.cancel(SessionCommand.WillDelayElapsed.INSTANCE);
        if (!connected && state.will() != null) {
            publish();
        }
    }

    private void publish() {
        Will will = state.will();
        Properties props = will.properties().has(PropertyId.WILL_DELAY_INTERVAL)
                ? will.properties().toBuilder().willDelayInterval(null).build()
                : will.properties();
        RoutedMessage message = new RoutedMessage(will.topic(), will.payload(), will.qos(), will.retain(), props,
                clientId, System.currentTimeMillis());
        mode.afterStored(() -> services.router().route(message)); // after WillCleared is journaled
        services.metrics().increment(Counter.WILLS_PUBLISHED);
        apply(SessionEvent.WillCleared.INSTANCE);
    }

    private void apply(SessionEvent event) {
        state.apply(event);
        mode.applied(event);
    }

    private static long delayOf(Will will) {
        Long d = will.properties().willDelayInterval();
        return d == null ? 0 : d;
    }
}
