package dev.murmur.load.scenario;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which devices of a chaos run are cut off right now, and when the last one was served again:
 * a device is cut off when its connection closes without being asked to, and served again once
 * it reconnected (to any node, same client id) and, if the broker had lost its session,
 * subscribed again. Thread-safe; written from the clients' event loops.
 */
public final class DeviceTracker {
    private final Map<String, Long> down = new ConcurrentHashMap<>();
    private final LongAdder cutOffs = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder sessionsLost = new LongAdder();
    private final AtomicLong lastServedNanos = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, Long> firstDeliveryAfterFault = new ConcurrentHashMap<>();
    private volatile long faultNanos = Long.MAX_VALUE;
    private volatile boolean frozen;
    private volatile int downAtFreeze = -1;

    /** {@code clientId} lost its connection at {@code nanos} (the first loss counts until it is back). */
    public void cutOff(String clientId, long nanos) {
        if (frozen) {
            return;
        }
        if (down.putIfAbsent(clientId, nanos) == null) {
            cutOffs.increment();
        }
    }

    /** {@code clientId} is connected and subscribed again at {@code nanos}. */
    public void served(String clientId, long nanos, boolean sessionPresent) {
        if (frozen) {
            return;
        }
        if (down.remove(clientId) != null) {
            reconnects.increment();
            lastServedNanos.accumulateAndGet(nanos, Math::max);
            if (!sessionPresent) {
                sessionsLost.increment();
            }
        }
    }

    /** The fault started at {@code nanos}: from now on, first deliveries of newer messages are recorded. */
    public void faultStarted(long nanos) {
        faultNanos = nanos;
    }

    /**
     * Subscriber {@code clientId} got, at {@code nanos}, a message its publisher sent at
     * {@code sentNanos}; the first one sent after the fault started marks its deliveries resumed.
     */
    public void delivered(String clientId, long nanos, long sentNanos) {
        if (sentNanos >= faultNanos && !frozen) {
            firstDeliveryAfterFault.putIfAbsent(clientId, nanos);
        }
    }

    /**
     * Seconds from the fault's start until each of {@code subscribers} had received a message
     * published after it — deliveries flow again everywhere (the fail-over time a device sees) —
     * or -1 when some subscriber never did.
     */
    public double deliveriesResumedSeconds(int subscribers) {
        if (faultNanos == Long.MAX_VALUE || firstDeliveryAfterFault.size() < subscribers) {
            return -1;
        }
        long last = firstDeliveryAfterFault.values().stream().mapToLong(Long::longValue).max().orElse(faultNanos);
        return Math.max(0, last - faultNanos) / 1e9;
    }

    /** Stops counting: the fault is over and every device that will come back is back. */
    public void freeze() {
        downAtFreeze = down.size();
        frozen = true;
    }

    public boolean isDown(String clientId) {
        return down.containsKey(clientId);
    }

    /** Devices cut off and not yet served again. */
    public int downNow() {
        return frozen ? downAtFreeze : down.size();
    }

    /** Times a device was cut off. */
    public long cutOffs() {
        return cutOffs.sum();
    }

    /** Times a cut-off device was served again. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Reconnects whose session the broker no longer had (queued messages lost with it). */
    public long sessionsLost() {
        return sessionsLost.sum();
    }

    /** When the last cut-off device was served again, or {@link Long#MIN_VALUE} when none was. */
    public long lastServedNanos() {
        return lastServedNanos.get();
    }

    /**
     * Seconds from {@code faultNanos} until every device was served again: 0 when no device was
     * cut off, -1 when some still are.
     */
    public double recoverySeconds(long faultNanos) {
        if (downNow() > 0) {
            return -1;
        }
        long last = lastServedNanos();
        return last == Long.MIN_VALUE || last < faultNanos ? 0 : (last - faultNanos) / 1e9;
    }
}
