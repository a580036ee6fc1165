package dev.murmur.load.verify;

/**
 * What one publisher sent and what the broker accepted. The accepted set is what every matching
 * subscriber must receive: at QoS 0 every sent message, at QoS 1 the PUBACKed ones, at QoS 2 the
 * PUBRECed ones (the broker owns a message from then on).
 */
public final class PublisherLedger {
    private final int id;
    private final int qos;
    private final LiveCounters live;
    private final SeqSet accepted = new SeqSet();
    private long nextSequence;
    private long sent;
    private long acknowledged;

    PublisherLedger(int id, int qos, LiveCounters live) {
        this.id = id;
        this.qos = qos;
        this.live = live;
    }

    public int id() {
        return id;
    }

    public int qos() {
        return qos;
    }

    /** Claims the next sequence number (0, 1, 2, ...). */
    public synchronized long nextSequence() {
        return nextSequence++;
    }

    /** The message {@code seq} went out on the wire. */
    public synchronized void sent(long seq) {
        sent++;
        if (qos == 0) {
            accepted.add(seq);
        }
        live.recordSent(qos);
    }

    /** The broker acknowledged {@code seq} (PUBACK, or PUBREC at QoS 2); repeats are ignored. */
    public synchronized void acknowledged(long seq) {
        if (qos > 0 && accepted.add(seq)) {
            acknowledged++;
            live.recordAcknowledged(qos);
        }
    }

    synchronized long sentCount() {
        return sent;
    }

    synchronized long acknowledgedCount() {
        return qos == 0 ? sent : acknowledged;
    }

    synchronized long missingAt(SeqSet received) {
        return received.missingFrom(accepted);
    }

    synchronized long acceptedCount() {
        return accepted.size();
    }
}
