package dev.murmur.load.verify;

import java.util.function.IntPredicate;

/**
 * One logical receiver: a subscriber, or a shared-subscription group whose members together
 * must receive each message once. Tracks, per publisher, which sequence numbers arrived, to count
 * duplicates and, against the publishers' ledgers, losses. Ordering is judged per connection by
 * {@link Member}s, because a shared group gives no order across its members.
 */
public final class Receiver {
    private final String name;
    private final IntPredicate expects;
    private final LiveCounters live;
    private final Verifier verifier;
    private SeqSet[] streams = new SeqSet[0];
    private final long[] delivered = new long[3];
    private final long[] duplicated = new long[3];
    private final long[] outOfOrder = new long[3];
    /** [qos][phase] counts of duplicates and reordered messages, by the phase they were issued in. */
    private final long[][] duplicatedByPhase = new long[3][Phase.values().length];
    private final long[][] outOfOrderByPhase = new long[3][Phase.values().length];
    private long unexpected;
    private long malformed;

    Receiver(String name, IntPredicate expects, LiveCounters live, Verifier verifier) {
        this.name = name;
        this.expects = expects;
        this.live = live;
        this.verifier = verifier;
    }

    public String name() {
        return name;
    }

    boolean expects(int publisherId) {
        return expects.test(publisherId);
    }

    /** A new connection-level view of this receiver (one per subscriber connection or session). */
    public Member member() {
        return new Member(this, verifier);
    }

    /** Records a delivery; returns true when it was the first copy of that message. */
    synchronized boolean record(int publisherId, long seq, int qos) {
        if (!expects.test(publisherId)) {
            unexpected++;
            return false;
        }
        if (publisherId >= streams.length) {
            SeqSet[] bigger = new SeqSet[Math.max(publisherId + 1, streams.length * 2)];
            System.arraycopy(streams, 0, bigger, 0, streams.length);
            streams = bigger;
        }
        SeqSet stream = streams[publisherId];
        if (stream == null) {
            stream = new SeqSet();
            streams[publisherId] = stream;
        }
        if (stream.add(seq)) {
            delivered[qos]++;
            return true;
        }
        duplicated[qos]++;
        duplicatedByPhase[qos][verifier.phaseOf(publisherId, seq).ordinal()]++;
        live.recordDuplicate(qos);
        return false;
    }

    synchronized void countOutOfOrder(int qos, int publisherId, long seq) {
        outOfOrder[qos]++;
        outOfOrderByPhase[qos][verifier.phaseOf(publisherId, seq).ordinal()]++;
    }

    synchronized void countMalformed() {
        malformed++;
    }

    /** Adds this receiver's counts for {@code qos} into {@code tally}, checking every expected ledger. */
    synchronized void tally(int qos, Iterable<PublisherLedger> ledgers, Tally tally) {
        for (PublisherLedger ledger : ledgers) {
            if (ledger.qos() != qos || !expects.test(ledger.id())) {
                continue;
            }
            SeqSet stream = ledger.id() < streams.length ? streams[ledger.id()] : null;
            tally.expectedDeliveries += ledger.acceptedCount();
            tally.lost += ledger.missingAt(stream == null ? new SeqSet() : stream);
        }
        tally.delivered += delivered[qos];
        tally.duplicated += duplicated[qos];
        tally.outOfOrder += outOfOrder[qos];
    }

    /** Adds this receiver's counts for {@code qos} in {@code phase} into {@code tally}. */
    synchronized void tally(int qos, Phase phase, Iterable<PublisherLedger> ledgers, Tally tally) {
        for (PublisherLedger ledger : ledgers) {
            if (ledger.qos() != qos || !expects.test(ledger.id())) {
                continue;
            }
            SeqSet stream = ledger.id() < streams.length ? streams[ledger.id()] : null;
            long[] range = ledger.range(phase);
            long expected = ledger.acceptedIn(range[0], range[1]);
            long missing = ledger.missingIn(stream, range[0], range[1]);
            tally.expectedDeliveries += expected;
            tally.lost += missing;
            tally.delivered += countIn(stream, range[0], range[1]);
        }
        tally.duplicated += duplicatedByPhase[qos][phase.ordinal()];
        tally.outOfOrder += outOfOrderByPhase[qos][phase.ordinal()];
    }

    private static long countIn(SeqSet stream, long from, long to) {
        long n = 0;
        for (long s = from; stream != null && s < to; s++) {
            if (stream.contains(s)) {
                n++;
            }
        }
        return n;
    }

    synchronized long unexpected() {
        return unexpected;
    }

    synchronized long malformed() {
        return malformed;
    }

    /** Mutable sums for one QoS while a verdict is computed. */
    static final class Tally {
        long expectedDeliveries;
        long delivered;
        long lost;
        long duplicated;
        long outOfOrder;
    }
}
