package dev.murmur.node.limits;

/**
 * A token bucket: {@code rate} tokens a second, at most {@code capacity} saved up. Not
 * thread-safe: each bucket belongs to one stream (a listener's accept loop, one connection).
 * Tokens may be taken into debt ({@link #take}) so that a large packet is paid for by waiting,
 * not refused.
 */
public final class TokenBucket {
    private static final double NANOS_PER_SECOND = 1e9;

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    public TokenBucket(double ratePerSecond, double capacity, long nowNanos) {
        if (ratePerSecond <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("rate and capacity must be positive");
        }
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Takes {@code n} tokens, going into debt if needed; returns how long until the debt is paid (0 = none). */
    public long take(double n, long nowNanos) {
        refill(nowNanos);
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens / ratePerNano);
    }

    /** Whether the bucket would be full at {@code nowNanos} (its owner has been idle long enough). */
    public boolean isFullAt(long nowNanos) {
        return tokens + Math.max(0, nowNanos - lastNanos) * ratePerNano >= capacity;
    }

    /** At least half the capacity is saved up (as of the last take): the owner is well within its rate. */
    public boolean atLeastHalfFull() {
        return tokens * 2 >= capacity;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
    }
}
