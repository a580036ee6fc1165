package dev.murmur.protocol.codec.decode;

import dev.murmur.protocol.topic.SharedSubscription;
import dev.murmur.protocol.topic.Topics;

/**
 * The decoder's one seam to topic validation: the rules themselves live in {@link Topics}
 * (MQTT 5.0 section 4.7), so the decoder, the node and the trie agree on what is valid.
 */
final class TopicRules {
    private TopicRules() {
    }

    /**
     * A PUBLISH topic name: non-empty (MQTT-4.7.3-1), no wildcards (MQTT-3.3.2-2). Same answer as
     * {@link Topics#isValidTopicName} for what the decoder hands in: strings {@link WireReader}
     * already validated as MQTT UTF-8 (no U+0000, no surrogates, at most 65,535 bytes), so only the
     * wildcard scan is left and the topic is not walked twice per PUBLISH.
     */
    static boolean isValidName(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if (c == '+' || c == '#') {
                return false;
            }
        }
        return true;
    }

    /** A topic filter: wildcards alone in their level, '#' last (MQTT-4.7.1-1, MQTT-4.7.1-2). */
    static boolean isValidFilter(String filter) {
        return Topics.isValidTopicFilter(filter);
    }

    /** Whether the filter is a shared subscription {@code $share/group/filter}. */
    static boolean isShared(String filter) {
        return filter.startsWith(SharedSubscription.PREFIX);
    }
}
