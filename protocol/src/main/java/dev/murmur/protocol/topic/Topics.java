package dev.murmur.protocol.topic;

/**
 * Topic name and topic filter validation (MQTT 5.0 section 4.7) and single-filter matching.
 * Works on the characters of the string in place: no splitting, no allocation.
 */
public final class Topics {
    /** A topic is a UTF-8 string, so its length prefix bounds it (MQTT 5.0 section 1.5.4). */
    public static final int MAX_UTF8_BYTES = 65_535;

    private static final char LEVEL_SEPARATOR = '/';
    private static final char SINGLE_LEVEL = '+';
    private static final char MULTI_LEVEL = '#';
    private static final char SYSTEM_PREFIX = '$';
    private static final char NUL = '\u0000';

    private Topics() {
    }

    /**
     * True when {@code name} is a valid topic name for PUBLISH: at least one character
     * (MQTT-4.7.3-1), no wildcards (MQTT-3.3.2-2), no U+0000, at most 65,535 UTF-8 bytes.
     */
    public static boolean isValidTopicName(String name) {
        if (name == null || name.isEmpty() || !isEncodable(name)) {
            return false;
        }
        for (int i = 0, n = name.length(); i < n; i++) {
            char c = name.charAt(i);
            if (c == SINGLE_LEVEL || c == MULTI_LEVEL) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code filter} is a valid topic filter: '#' only last and alone in its level
     * (MQTT-4.7.1-1), '+' alone in its level (MQTT-4.7.1-2), non-empty; a shared subscription
     * {@code $share/{group}/{filter}} needs a non-empty group without wildcards and a valid filter.
     */
    public static boolean isValidTopicFilter(String filter) {
        if (filter == null || filter.isEmpty() || !isEncodable(filter)) {
            return false;
        }
        if (!filter.startsWith(SharedSubscription.PREFIX)) {
            return wildcardsWellPlaced(filter, 0);
        }
        int filterStart = sharedFilterStart(filter);
        return filterStart > 0 && wildcardsWellPlaced(filter, filterStart);
    }

    /** True when the filter contains '+' or '#'. */
    public static boolean hasWildcard(String filter) {
        for (int i = 0, n = filter.length(); i < n; i++) {
            char c = filter.charAt(i);
            if (c == SINGLE_LEVEL || c == MULTI_LEVEL) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when {@code filter} matches {@code topic}, with the '$' rule (MQTT-4.7.2-1). Expects a
     * valid filter and topic name; for a shared subscription pass its inner filter
     * ({@link SharedSubscription#filter()}). '#' also matches the parent level ("sport/#"
     * matches "sport", MQTT 5.0 section 4.7.1.2).
     */
    public static boolean matches(String filter, String topic) {
        int fn = filter.length();
        int tn = topic.length();
        if (fn == 0 || tn == 0) {
            return false;
        }
        if (topic.charAt(0) == SYSTEM_PREFIX
                && (filter.charAt(0) == SINGLE_LEVEL || filter.charAt(0) == MULTI_LEVEL)) {
            return false;
        }
        int fi = 0;
        int ti = 0;
        while (true) {
            // Both indexes are at the start of a level.
            char f = fi < fn ? filter.charAt(fi) : LEVEL_SEPARATOR;
            if (f == MULTI_LEVEL) {
                return true;
            }
            if (f == SINGLE_LEVEL) {
                fi++;
                while (ti < tn && topic.charAt(ti) != LEVEL_SEPARATOR) {
                    ti++;
                }
            } else {
                while (fi < fn && ti < tn && filter.charAt(fi) != LEVEL_SEPARATOR
                        && topic.charAt(ti) != LEVEL_SEPARATOR) {
                    if (filter.charAt(fi) != topic.charAt(ti)) {
                        return false;
                    }
                    fi++;
                    ti++;
                }
                boolean filterLevelEnds = fi == fn || filter.charAt(fi) == LEVEL_SEPARATOR;
                boolean topicLevelEnds = ti == tn || topic.charAt(ti) == LEVEL_SEPARATOR;
                if (!filterLevelEnds || !topicLevelEnds) {
                    return false;
                }
            }
            if (fi == fn) {
                return ti == tn;
            }
            if (ti == tn) {
                // The topic ended but the filter goes on: only a final "/#" still matches.
                return fi + 2 == fn && filter.charAt(fi + 1) == MULTI_LEVEL;
            }
            fi++;
            ti++;
        }
    }

    /**
     * Where the inner filter of {@code $share/{group}/{filter}} starts, or -1 when the group is
     * empty or holds a wildcard, or the filter is missing (MQTT-4.8.2-1, MQTT-4.8.2-2).
     */
    static int sharedFilterStart(String shared) {
        int groupStart = SharedSubscription.PREFIX.length();
        int groupEnd = shared.indexOf(LEVEL_SEPARATOR, groupStart);
        if (groupEnd <= groupStart || groupEnd + 1 >= shared.length()) {
            return -1;
        }
        for (int i = groupStart; i < groupEnd; i++) {
            char c = shared.charAt(i);
            if (c == SINGLE_LEVEL || c == MULTI_LEVEL) {
                return -1;
            }
        }
        return groupEnd + 1;
    }

    /** '#' only as the whole last level, '+' only as a whole level, from index {@code from} on. */
    private static boolean wildcardsWellPlaced(String filter, int from) {
        int n = filter.length();
        for (int i = from; i < n; i++) {
            char c = filter.charAt(i);
            if (c != SINGLE_LEVEL && c != MULTI_LEVEL) {
                continue;
            }
            boolean startsLevel = i == from || filter.charAt(i - 1) == LEVEL_SEPARATOR;
            boolean endsLevel = i + 1 == n || filter.charAt(i + 1) == LEVEL_SEPARATOR;
            if (!startsLevel || !endsLevel || (c == MULTI_LEVEL && i + 1 != n)) {
                return false;
            }
        }
        return true;
    }

    /**
     * No U+0000 (MQTT-4.7.3-2), no unpaired surrogate (no UTF-8 form, MQTT-1.5.4-1), and at most
     * 65,535 UTF-8 bytes.
     */
    private static boolean isEncodable(String s) {
        int n = s.length();
        if (n > MAX_UTF8_BYTES) {
            return false;
        }
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == NUL) {
                return false;
            }
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            } else {
                bytes += 3;
            }
        }
        return bytes <= MAX_UTF8_BYTES;
    }
}
