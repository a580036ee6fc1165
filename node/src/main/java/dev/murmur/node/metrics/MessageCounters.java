package dev.murmur.node.metrics;

import dev.murmur.protocol.QoS;
import java.util.concurrent.atomic.LongAdder;

/** Application messages by QoS: accepted from publishers, written to subscribers, and dropped by reason. */
public final class MessageCounters {
    private static final int LEVELS = QoS.values().length;

    /** Why a message did not reach a subscriber (or anyone); each is a label value of the drop metric. */
    public enum DropReason {
        /** The session queue was at murmur.mqtt.max-queued-messages. */
        QUEUE_FULL,
        /** QoS 0 for an offline session while murmur.mqtt.queue-qos0-offline is off. */
        QOS0_OFFLINE,
        /** Larger than the subscriber's Maximum Packet Size (MQTT-3.1.2-25). */
        TOO_LARGE,
        /** Nobody was subscribed to the topic. */
        NO_SUBSCRIBERS,
        /** The publisher may not publish to the topic (ACL). */
        NOT_AUTHORIZED,
        /** The message expiry interval passed before delivery. */
        EXPIRED,
        /** Shed under memory pressure. */
        OVERLOAD,
        /** Refused at the publisher for another reason (a topic deeper than the limit). */
        REFUSED
    }

    private final LongAdder[] published = PacketCounters.adders(LEVELS);
    private final LongAdder[] delivered = PacketCounters.adders(LEVELS);
    private final LongAdder[][] dropped = new LongAdder[DropReason.values().length][];

    public MessageCounters() {
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = PacketCounters.adders(LEVELS);
        }
    }

    /** A PUBLISH accepted from a client (before routing). */
    public void published(QoS qos) {
        published[qos.ordinal()].increment();
    }

    /** A PUBLISH handed to a subscriber's socket, at the QoS it was granted. */
    public void delivered(QoS qos) {
        delivered[qos.ordinal()].increment();
    }

    public void dropped(DropReason reason, QoS qos) {
        dropped[reason.ordinal()][qos.ordinal()].increment();
    }

    public long publishedCount(QoS qos) {
        return published[qos.ordinal()].sum();
    }

    public long deliveredCount(QoS qos) {
        return delivered[qos.ordinal()].sum();
    }

    public long droppedCount(DropReason reason, QoS qos) {
        return dropped[reason.ordinal()][qos.ordinal()].sum();
    }

    /** Drops for one reason across all QoS levels. */
    public long droppedCount(DropReason reason) {
        long n = 0;
        for (LongAdder a : dropped[reason.ordinal()]) {
            n += a.sum();
        }
        return n;
    }
}
