package dev.murmur.node.routing;

import dev.murmur.protocol.property.Properties;

/**
 * Message Expiry Interval (MQTT 5.0 3.3.2.3.3): a message whose interval has passed while it
 * waited in the broker is no longer delivered (MQTT-3.3.2-5), and a forwarded copy carries the
 * interval minus the time it waited (MQTT-3.3.2-6). Time is measured from
 * {@link RoutedMessage#receivedAtMillis()}.
 */
public final class MessageExpiry {
    private static final long MILLIS_PER_SECOND = 1000;

    private MessageExpiry() {
    }

    /** Whether {@code m} has an expiry interval that has passed at {@code nowMillis}. */
    public static boolean isExpired(RoutedMessage m, long nowMillis) {
        Long interval = m.properties().messageExpiryInterval();
        return interval != null && nowMillis - m.receivedAtMillis() >= interval * MILLIS_PER_SECOND;
    }

    /**
     * The properties to forward at {@code nowMillis}: the expiry interval lowered by the whole
     * seconds waited (never below 0, which a copy whose delivery already started may reach).
     */
    public static Properties forwarded(RoutedMessage m, long nowMillis) {
        Long interval = m.properties().messageExpiryInterval();
        if (interval == null) {
            return m.properties();
        }
        long waited = (nowMillis - m.receivedAtMillis()) / MILLIS_PER_SECOND;
        long remaining = Math.max(0, interval - waited);
        return remaining == interval ? m.properties()
                : m.properties().toBuilder().messageExpiryInterval(remaining).build();
    }
}
