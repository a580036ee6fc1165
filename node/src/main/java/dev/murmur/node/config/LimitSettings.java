package dev.murmur.node.config;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Overload protection (murmur.limits): the node's memory high-water mark and per-client quotas.
 * A rate or count of 0 means unlimited.
 *
 * @param memoryHighWater   fraction of the maximum heap in use after the last GC above which
 *                          the node refuses new CONNECTs (0x89) and sheds QoS 0 to slow consumers
 * @param maxThrottledTime  how long a client may stay over its publish quota before DISCONNECT 0x96
 */
public record LimitSettings(double memoryHighWater, Duration memoryCheckInterval, double publishRate,
                            int publishBurst, double bytesRate, int bytesBurst, Duration maxThrottledTime,
                            int maxSubscriptions, int maxTopicLevels) {

    /** No limits at all (tests that build services by hand). */
    public static LimitSettings unlimited() {
        return new LimitSettings(1.0, Duration.ofSeconds(1), 0, 0, 0, 0, Duration.ofSeconds(30), 0, 0);
    }

    public boolean throttlesPublishes() {
        return publishRate > 0 || bytesRate > 0;
    }

    static LimitSettings from(Config m) {
        String prefix = "murmur.limits.";
        Config l = m.getConfig("limits");
        double rate = Settings.doubleIn(l, prefix, "client.publish-rate", 0, Integer.MAX_VALUE);
        double bytes = Settings.doubleIn(l, prefix, "client.bytes-rate", 0, Long.MAX_VALUE);
        return new LimitSettings(
                Settings.doubleIn(l, prefix, "memory-high-water", 0.01, 1.0),
                Settings.positive(l, prefix, "memory-check-interval"),
                rate, burstOr(Settings.intIn(l, prefix, "client.publish-burst", 0, Integer.MAX_VALUE), rate),
                bytes, burstOr(Settings.intIn(l, prefix, "client.bytes-burst", 0, Integer.MAX_VALUE), bytes),
                Settings.positive(l, prefix, "client.max-throttled-time"),
                Settings.intIn(l, prefix, "client.max-subscriptions", 0, Integer.MAX_VALUE),
                Settings.intIn(l, prefix, "client.max-topic-levels", 0, Integer.MAX_VALUE));
    }

    /** An unset burst is one second's worth of the rate. */
    private static int burstOr(int burst, double rate) {
        return burst > 0 ? burst : (int) Math.min(Integer.MAX_VALUE, Math.max(1, Math.ceil(rate)));
    }
}
