package dev.murmur.node.limits;

/**
 * Admission of new sockets on one listener at a configured rate (token bucket). Sockets over the
 * rate are closed before any work is done for them, so a reconnect storm costs an accept and a
 * close per socket, nothing more.
 */
public final class AcceptGate {
    private final TokenBucket bucket;

    /** @param ratePerSecond 0 = unlimited */
    public AcceptGate(double ratePerSecond, int burst) {
        this.bucket = ratePerSecond > 0 ? new TokenBucket(ratePerSecond, burst, System.nanoTime()) : null;
    }

    public synchronized boolean tryAccept() {
        return bucket == null || bucket.tryTake(System.nanoTime());
    }
}
