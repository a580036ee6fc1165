package dev.murmur.node.connection;

import java.util.HashMap;
import java.util.Map;

/**
 * Topic aliases of one connection, both directions (MQTT 5.0 3.3.2.3.4). Aliases live and die
 * with the network connection (MQTT-3.3.2-7, -10), so they sit in the connection, never in the
 * session.
 *
 * <p>Inbound: the client may set aliases 1..our Topic Alias Maximum. Outbound policy: a topic gets
 * the next free alias on first use (the PUBLISH carries topic and alias); later PUBLISHes carry the
 * alias and an empty topic. When every alias the client allows is taken, the least recently used
 * one is re-assigned, so a steady set of hot topics keeps its aliases while one-off topics rotate.
 */
final class TopicAliases {
    private final int inboundMax;
    /** Allocated on the first alias the client sets: most clients never set one. */
    private String[] inbound;
    private final int outboundMax;
    private final Map<String, Entry> byTopic = new HashMap<>();
    private final Entry[] byAlias;
    /** Sentinel of the recency list: head.next is the least recently used. */
    private final Entry head = new Entry(null, 0);
    private int assigned;

    /** An outbound alias in a recency list. */
    private static final class Entry {
        String topic;
        final int alias;
        Entry prev = this;
        Entry next = this;

        Entry(String topic, int alias) {
            this.topic = topic;
            this.alias = alias;
        }
    }

    /** What to put in an outbound PUBLISH: the alias, and whether the topic must travel too. */
    record Outbound(int alias, boolean sendTopic, String topic) {
    }

    /**
     * @param inboundMax  our Topic Alias Maximum (what the client may use)
     * @param outboundMax aliases we may use: min(client's Topic Alias Maximum, our policy limit)
     */
    TopicAliases(int inboundMax, int outboundMax) {
        this.inboundMax = inboundMax;
        this.outboundMax = outboundMax;
        this.byAlias = new Entry[outboundMax + 1];
    }

    boolean inboundAllowed(int alias) {
        return alias >= 1 && alias <= inboundMax; // MQTT-3.3.2-8 (0 is invalid), MQTT-3.3.2-9
    }

    /** The topic set for {@code alias}, or null when the client never set it. */
    String resolve(int alias) {
        return inbound == null ? null : inbound[alias];
    }

    /** A PUBLISH with topic and alias sets (or replaces) the mapping (MQTT 5.0 3.3.2.3.4). */
    void set(int alias, String topic) {
        if (inbound == null) {
            inbound = new String[inboundMax + 1];
        }
        inbound[alias] = topic;
    }

    /** The alias to use for {@code topic}, or null when aliases are off for this client. Not yet committed. */
    Outbound outbound(String topic) {
        if (outboundMax == 0) {
            return null;
        }
        Entry e = byTopic.get(topic);
        if (e != null) {
            return new Outbound(e.alias, false, topic);
        }
        int alias = assigned < outboundMax ? assigned + 1 : head.next.alias;
        return new Outbound(alias, true, topic);
    }

    /** Records that a PUBLISH carrying {@code o} was written (a dropped packet changes nothing). */
    void commit(Outbound o) {
        Entry e = byAlias[o.alias()];
        if (e == null) {
            e = new Entry(o.topic(), o.alias());
            byAlias[o.alias()] = e;
            assigned++;
        } else if (!e.topic.equals(o.topic())) {
            byTopic.remove(e.topic);
            e.topic = o.topic();
        }
        byTopic.put(o.topic(), e);
        unlink(e);
        e.prev = head.prev; // most recently used goes last
        e.next = head;
        head.prev.next = e;
        head.prev = e;
    }

    private static void unlink(Entry e) {
        e.prev.next = e.next;
        e.next.prev = e.prev;
        e.prev = e;
        e.next = e;
    }
}
