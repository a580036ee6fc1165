package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.topic.SharedSubscription;

/**
 * The decoder's one seam to topic validation. Interim copy of the rules of
 * {@code dev.murmur.protocol.topic.Topics} (MQTT 5.0 section 4.7) until that class lands; then
 * these methods delegate to it so there is a single definition.
 */
final class TopicRules {
    private TopicRules() {
    }

    /** A PUBLISH topic name: non-empty (MQTT-4.7.3-1), no wildcards (MQTT-3.3.2-2). */
    static boolean isValidName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#' || c == 0) {
                return false;
            }
        }
        return true;
    }

    /** A topic filter: wildcards alone in their level, '#' last (MQTT-4.7.1-1, MQTT-4.7.1-2). */
    static boolean isValidFilter(String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        String plain = filter;
        if (filter.startsWith(SharedSubscription.PREFIX)) {
            int slash = filter.indexOf('/', SharedSubscription.PREFIX.length());
            if (slash <= SharedSubscription.PREFIX.length()) {
                return false;
            }
            String group = filter.substring(SharedSubscription.PREFIX.length(), slash);
            if (group.indexOf('+') >= 0 || group.indexOf('#') >= 0) {
                return false;
            }
            plain = filter.substring(slash + 1);
            if (plain.isEmpty()) {
                return false;
            }
        }
        int levelStart = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c == '/') {
                levelStart = i + 1;
            } else if (c == '+' || c == '#') {
                boolean alone = i == levelStart && (i + 1 == plain.length() || plain.charAt(i + 1) == '/');
                if (!alone || (c == '#' && i + 1 != plain.length())) {
                    return false;
                }
            } else if (c == 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the filter is a shared subscription {@code $share/group/filter}. */
    static boolean isShared(String filter) {
        return filter.startsWith(SharedSubscription.PREFIX);
    }
}
