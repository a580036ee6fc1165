package dev.murmur.node.session;

import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The expiry timer of a session without a connection (MQTT 5.0 3.1.2.11.2): started when the
 * connection ends, re-armed after a journaled session recovers, cancelled when a client attaches.
 * When it fires the entity receives {@link SessionCommand.Expire}.
 */
final class SessionExpiry {
    /** Pekko's scheduler cannot wait longer than about 248 days; longer expiries never fire. */
    private static final long MAX_TIMER_SECONDS = Duration.ofDays(240).toSeconds();

    private final SessionState state;
    private final TimerScheduler<ShardMessage> timers;
    private final SessionMode mode;

    SessionExpiry(SessionState state, TimerScheduler<ShardMessage> timers, SessionMode mode) {
        this.state = state;
        this.timers = timers;
        this.mode = mode;
    }

    /**
     * No client is attached after a restart: the expiry runs on from the recorded disconnect, or
     * afresh if the client was connected when the node stopped.
     */
    void recovered() {
        long expiry = state.sessionExpirySeconds();
        if (expiry == ConnectRequest.NEVER_EXPIRES || expiry > MAX_TIMER_SECONDS) {
            return;
        }
        long remainingMillis = state.expiresAtMillis() > 0
                ? Math.max(0, state.expiresAtMillis() - System.currentTimeMillis())
                : Duration.ofSeconds(expiry).toMillis();
        timers.startSingleTimer(SessionCommand.Expire.INSTANCE, Duration.ofMillis(remainingMillis));
    }

    /** The connection ended and the session outlives it by {@code expirySeconds} (not 0); the moment is recorded. */
    void connectionClosed(long expirySeconds) {
        if (expirySeconds != ConnectRequest.NEVER_EXPIRES && expirySeconds <= MAX_TIMER_SECONDS) {
            apply(new SessionEvent.ExpiryScheduled(System.currentTimeMillis()
                    + Duration.ofSeconds(expirySeconds).toMillis()));
            timers.startSingleTimer(SessionCommand.Expire.INSTANCE, Duration.ofSeconds(expirySeconds));
        }
    }

    /** A client attached, or the session is handed over: it no longer expires on this timer. */
    void cancel() {
        timers.cancel(SessionCommand.Expire.INSTANCE);
    }

    private void apply(SessionEvent event) {
        state.apply(event);
        mode.applied(event);
    }
}
