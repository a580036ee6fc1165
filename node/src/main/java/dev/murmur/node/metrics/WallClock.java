package dev.murmur.node.metrics;

/**
 * Wall-clock time in microseconds without allocating (Instant.now() allocates): the last wall
 * reading plus the monotonic time since it. Re-anchored every second, so it follows NTP
 * adjustments of the system clock and stays comparable between nodes as far as their clocks are.
 */
public final class WallClock {
    private static final long REANCHOR_NANOS = 1_000_000_000L;
    private static volatile Anchor anchor = Anchor.now();

    private record Anchor(long wallMicros, long nanos) {
        static Anchor now() {
            return new Anchor(System.currentTimeMillis() * 1_000, System.nanoTime());
        }
    }

    private WallClock() {
    }

    public static long micros() {
        Anchor a = anchor;
        long elapsed = System.nanoTime() - a.nanos();
        if (elapsed >= REANCHOR_NANOS) {
            a = Anchor.now(); // a benign race: concurrent callers each install an equally good anchor
            anchor = a;
            elapsed = 0;
        }
        return a.wallMicros() + elapsed / 1_000;
    }
}
