package dev.murmur.node.limits;

import dev.murmur.node.config.LimitSettings;

/**
 * One client's publish quota: messages and bytes per second. Over quota the connection stops
 * reading for as long as the debt takes to pay off (backpressure reaches the client through
 * TCP); a client that stays over quota longer than {@code max-throttled-time} is to be
 * disconnected (0x96 Message rate too high). Lives in one connection stage: not thread-safe.
 */
public final class PublishThrottle {
    /** What the connection should do after a PUBLISH. */
    public sealed interface Verdict {
    }

    /** Within quota. */
    public enum Ok implements Verdict { INSTANCE }

    /** Stop reading for {@code nanos}. */
    public record Pause(long nanos) implements Verdict {
    }

    /** Over quota for too long. */
    public enum Disconnect implements Verdict { INSTANCE }

    private final TokenBucket messages;
    private final TokenBucket bytes;
    private final long maxThrottledNanos;
    private long throttledSince = -1;

    public PublishThrottle(LimitSettings limits, long nowNanos) {
        this.messages = limits.publishRate() > 0 ? new TokenBucket(limits.publishRate(), limits.publishBurst(), nowNanos)
                : null;
        this.bytes = limits.bytesRate() > 0 ? new TokenBucket(limits.bytesRate(), limits.bytesBurst(), nowNanos) : null;
        this.maxThrottledNanos = limits.maxThrottledTime().toNanos();
    }

    public Verdict onPublish(int packetBytes, long nowNanos) {
        long wait = 0;
        if (messages != null) {
            wait = messages.take(1, nowNanos);
        }
        if (bytes != null) {
            wait = Math.max(wait, bytes.take(packetBytes, nowNanos));
        }
        if (wait == 0) {
            // Let in again: the client counts as back within quota only once it has saved up half a
            // burst; one packet that just fits after a pause is still the same offence.
            if ((messages == null || messages.atLeastHalfFull()) && (bytes == null || bytes.atLeastHalfFull())) {
                throttledSince = -1;
            }
            return Ok.INSTANCE;
        }
        if (throttledSince < 0) {
            throttledSince = nowNanos;
        } else if (nowNanos - throttledSince > maxThrottledNanos) {
            return Disconnect.INSTANCE;
        }
        return new Pause(wait);
    }
}
