package dev.murmur.node.limits;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New connections per second per client address (the real one, behind a PROXY header): one
 * reconnect-looping device or NAT'd site cannot use up a listener's whole accept rate. Tracks at
 * most {@code maxTracked} addresses; past that, addresses whose bucket has refilled (idle ones)
 * are forgotten first, and if all are busy the table starts over rather than grow.
 */
public final class AddressRateLimiter {
    private final double rate;
    private final int burst;
    private final int maxTracked;
    private final ConcurrentHashMap<InetAddress, TokenBucket> buckets = new ConcurrentHashMap<>();

    public AddressRateLimiter(double ratePerSecond, int burst, int maxTracked) {
        this.rate = ratePerSecond;
        this.burst = burst;
        this.maxTracked = maxTracked;
    }

    /** Takes a token for {@code address}; false when it connects faster than allowed. */
    public boolean tryAcquire(InetAddress address) {
        long now = System.nanoTime();
        if (buckets.size() >= maxTracked && !buckets.containsKey(address)) {
            forgetIdle(now);
        }
        boolean[] admitted = new boolean[1];
        buckets.compute(address, (a, bucket) -> {
            TokenBucket b = bucket != null ? bucket : new TokenBucket(rate, burst, now);
            admitted[0] = b.tryTake(now); // compute is atomic per key: no two threads share a bucket
            return b;
        });
        return admitted[0];
    }

    int tracked() {
        return buckets.size();
    }

    private void forgetIdle(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().isFullAt(now));
        if (buckets.size() >= maxTracked) {
            buckets.clear(); // every tracked address is busy: bounded memory wins over precision
        }
    }
}
