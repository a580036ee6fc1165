package dev.murmur.protocol.topic;

/** Topic name and topic filter validation (MQTT 5.0 section 4.7). */
public final class Topics {
    private Topics() {
    }

    /**
     * True when {@code name} is a valid topic name for PUBLISH: at least one character
     * (MQTT-4.7.3-1), no wildcards (MQTT-3.3.2-2), no U+0000, at most 65,535 UTF-8 bytes.
     */
    public static boolean isValidTopicName(String name) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * True when {@code filter} is a valid topic filter: '#' only last and alone in its level
     * (MQTT-4.7.1-1), '+' alone in its level (MQTT-4.7.1-2), non-empty; a shared subscription
     * {@code $share/{group}/{filter}} needs a non-empty group without wildcards and a valid filter.
     */
    public static boolean isValidTopicFilter(String filter) {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when the filter contains '+' or '#'. */
    public static boolean hasWildcard(String filter) {
        throw new UnsupportedOperationException("TODO");
    }

    /** True when {@code filter} matches {@code topic}, with the '$' rule (MQTT-4.7.2-1). */
    public static boolean matches(String filter, String topic) {
        throw new UnsupportedOperationException("TODO");
    }
}
