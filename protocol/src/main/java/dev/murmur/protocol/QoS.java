package dev.murmur.protocol;

/** Quality of service levels (MQTT 5.0 section 4.3). */
public enum QoS {
    AT_MOST_ONCE,
    AT_LEAST_ONCE,
    EXACTLY_ONCE;

    private static final QoS[] BY_VALUE = values();

    /** The wire value 0, 1 or 2. */
    public int value() {
        return ordinal();
    }

    /** The QoS for a wire value, or null for 3 and above (a malformed packet). */
    public static QoS ofValue(int value) {
        return value >= 0 && value < BY_VALUE.length ? BY_VALUE[value] : null;
    }

    /** The lower of two levels: delivery is downgraded to the subscription's maximum. */
    public static QoS min(QoS a, QoS b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
