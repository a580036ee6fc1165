package dev.murmur.protocol.topic;

/** A parsed shared subscription {@code $share/{group}/{filter}} (MQTT 5.0 section 4.8.2). */
public record SharedSubscription(String group, String filter) {
    /** The prefix of shared subscription filters. */
    public static final String PREFIX = "$share/";

    /** The parsed form, or null when {@code topicFilter} is not a (valid) shared subscription. */
    public static SharedSubscription parse(String topicFilter) {
        throw new UnsupportedOperationException("TODO");
    }
}
