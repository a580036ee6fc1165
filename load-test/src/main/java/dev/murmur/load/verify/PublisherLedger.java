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
    /** First sequence number of each phase; a phase not started yet begins at "never". */
    private final long[] phaseStart = {0, Long.MAX_VALUE, Long.MAX_VALUE};

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

    /** Messages issued from now on belong to {@code phase}; a phase starts once (the first call wins). */
    synchronized void startPhase(Phase phase) {
        int p = phase.ordinal();
        if (p > 0 && phaseStart[p] == Long.MAX_VALUE) {
            phaseStart[p] = nextSequence;
        }
    }

    /** The phase message {@code seq} was issued in. */
    synchronized Phase phaseOf(long seq) {
        Phase[] phases = Phase.values();
        for (int p = phases.length - 1; p > 0; p--) {
            if (seq >= phaseStart[p]) {
                return phases[p];
            }
        }
        return Phase.BEFORE;
    }

    /** Sequence numbers {@code [from, to)} issued in {@code phase}. */
    synchronized long[] range(Phase phase) {
        int p = phase.ordinal();
        long from = Math.min(phaseStart[p], nextSequence);
        long to = p + 1 < phaseStart.length ? Math.min(phaseStart[p + 1], nextSequence) : nextSequence;
        return new long[] {from, Math.max(from, to)};
    }

    /** How many of {@code [from, to)} the broker accepted (at QoS 0: every one sent). */
    synchronized long acceptedIn(long from, long to) {
        long n = 0;
        for (long s = from; s < to; s++) {
            if (accepted.contains(s)) {
                n++;
            }
        }
        return n;
    }

    /** Accepted messages of {@code [from, to)} missing from {@code received}. */
    synchronized long missingIn(SeqSet received, long from, long to) {
        long n = 0;
        for (long s = from; s < to; s++) {
            if (accepted.contains(s) && (received == null || !received.contains(s))) {
                n++;
            }
        }
        return n;
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
