package dev.murmur.protocol.topic;

import java.util.function.Consumer;

/**
 * A trie of topic filters, each holding a set of values (subscribers, shard ids, ...). Safe for
 * one writing thread plus any number of concurrently reading threads: readers never lock and
 * never see a half-made change.
 *
 * @param <V> what a filter maps to; compared with equals
 */
public final class TopicTrie<V> {

    /** Adds {@code value} under {@code filter}; returns false when it was already there. */
    public boolean add(String filter, V value) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Removes {@code value} from {@code filter}; returns false when it was not there. */
    public boolean remove(String filter, V value) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Calls {@code sink} once per (matching filter, value) pair for {@code topic}; a value held
     * under two matching filters is reported twice. Topics starting with '$' are not matched by
     * filters starting with '+' or '#' (MQTT-4.7.2-1).
     */
    public void match(String topic, Consumer<? super V> sink) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The number of (filter, value) pairs held. */
    public int size() {
        throw new UnsupportedOperationException("TODO");
    }
}
