package dev.murmur.protocol.topic;

/** A parsed shared subscription {@code $share/{group}/{filter}} (MQTT 5.0 section 4.8.2). */
public record SharedSubscription(String group, String filter) {
    /** The prefix of shared subscription filters. */
    public static final String PREFIX = "$share/";

    /**
     * The parsed form, or null when {@code topicFilter} is not a (valid) shared subscription:
     * the group must be non-empty without '+', '#' or '/' (MQTT-4.8.2-1, MQTT-4.8.2-2) and be
     * followed by a valid, non-empty topic filter.
     */
    public static SharedSubscription parse(String topicFilter) {
        if (topicFilter == null || !topicFilter.startsWith(PREFIX) || !Topics.isValidTopicFilter(topicFilter)) {
            return null;
        }
        int filterStart = Topics.sharedFilterStart(topicFilter);
        return new SharedSubscription(topicFilter.substring(PREFIX.length(), filterStart - 1),
                topicFilter.substring(filterStart));
    }
}
