package dev.murmur.load.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntPredicate;

/**
 * Checks a run's deliveries against what was published: per QoS, messages sent, acknowledged,
 * delivered, lost, duplicated and reordered, and expected versus actual fan-out. Publishers
 * register a {@link PublisherLedger}; subscribers register a {@link Receiver} that names the
 * publishers it must hear from. Thread-safe.
 */
public final class Verifier {
    private final LiveCounters live = new LiveCounters();
    private final ConcurrentHashMap<Integer, PublisherLedger> publishers = new ConcurrentHashMap<>();
    private final List<Receiver> receivers = new CopyOnWriteArrayList<>();
    private volatile long measureFromNanos = Long.MIN_VALUE;

    /** The ledger of publisher {@code id} (ids are small and dense: 0, 1, 2, ...). */
    public PublisherLedger publisher(int id, int qos) {
        if (id < 0 || qos < 0 || qos > 2) {
            throw new IllegalArgumentException("publisher " + id + " qos " + qos);
        }
        PublisherLedger ledger = new PublisherLedger(id, qos, live);
        if (publishers.putIfAbsent(id, ledger) != null) {
            throw new IllegalStateException("publisher " + id + " registered twice");
        }
        return ledger;
    }

    /** A receiver that must get every accepted message of the publishers {@code expects} accepts. */
    public Receiver receiver(String name, IntPredicate expects) {
        Receiver r = new Receiver(name, expects, live, this);
        receivers.add(r);
        return r;
    }

    /** Messages sent before {@code nanos} (the warm-up) are verified but not timed. */
    public void measureFrom(long nanos) {
        this.measureFromNanos = nanos;
    }

    long measureFromNanos() {
        return measureFromNanos;
    }

    /**
     * Messages issued from now on belong to {@code phase} (chaos runs: the fault starts, or heals).
     * Publishers must all be registered before the first call.
     */
    public void startPhase(Phase phase) {
        for (PublisherLedger ledger : publishers.values()) {
            ledger.startPhase(phase);
        }
    }

    Phase phaseOf(int publisherId, long seq) {
        PublisherLedger ledger = publishers.get(publisherId);
        return ledger == null ? Phase.BEFORE : ledger.phaseOf(seq);
    }

    /** The verdict's counts split by phase and QoS (phases in order, QoS levels that were used). */
    public List<PhaseVerdict> phaseVerdicts() {
        Collection<PublisherLedger> ledgers = new ArrayList<>(publishers.values());
        List<PhaseVerdict> out = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            for (int qos = 0; qos <= 2; qos++) {
                final int level = qos;
                List<PublisherLedger> atQos = ledgers.stream().filter(l -> l.qos() == level).toList();
                if (atQos.isEmpty()) {
                    continue;
                }
                Receiver.Tally tally = new Receiver.Tally();
                for (Receiver r : receivers) {
                    r.tally(qos, phase, atQos, tally);
                }
                long sent = 0;
                long acked = 0;
                for (PublisherLedger l : atQos) {
                    long[] range = l.range(phase);
                    sent += range[1] - range[0];
                    acked += l.acceptedIn(range[0], range[1]);
                }
                out.add(new PhaseVerdict(phase, qos, sent, acked, tally.expectedDeliveries, tally.delivered,
                        tally.lost, tally.duplicated, tally.outOfOrder));
            }
        }
        return out;
    }

    /**
     * Acknowledged QoS 1/2 messages each receiver never got, for receivers that missed any, most
     * first: shows whether a loss hit everyone or a few subscriptions (a lost route, a lost session).
     */
    public java.util.Map<String, Long> lostByReceiver() {
        List<PublisherLedger> ledgers = new ArrayList<>(publishers.values());
        java.util.Map<String, Long> lost = new java.util.HashMap<>();
        for (Receiver r : receivers) {
            Receiver.Tally tally = new Receiver.Tally();
            for (int qos = 1; qos <= 2; qos++) {
                r.tally(qos, ledgers, tally);
            }
            if (tally.lost > 0) {
                lost.merge(r.name(), tally.lost, Long::sum);
            }
        }
        java.util.Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        lost.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    public LiveCounters live() {
        return live;
    }

    /**
     * Judges the run so far; call once traffic has stopped and in-flight messages have drained.
     * Losses fail QoS 1 and 2, duplicates fail QoS 2, reordering fails when the scenario
     * promises order, and any unexpected or malformed delivery fails the run.
     */
    public Verdict verdict(boolean orderingExpected) {
        live.sampleInterval();
        Collection<PublisherLedger> ledgers = new ArrayList<>(publishers.values());
        List<QosVerdict> byQos = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        long unexpected = 0;
        long malformed = 0;
        for (Receiver r : receivers) {
            unexpected += r.unexpected();
            malformed += r.malformed();
        }
        for (int qos = 0; qos <= 2; qos++) {
            final int level = qos;
            List<PublisherLedger> atQos = ledgers.stream().filter(l -> l.qos() == level).toList();
            if (atQos.isEmpty()) {
                continue;
            }
            Receiver.Tally tally = new Receiver.Tally();
            for (Receiver r : receivers) {
                r.tally(qos, atQos, tally);
            }
            long sent = atQos.stream().mapToLong(PublisherLedger::sentCount).sum();
            long acked = atQos.stream().mapToLong(PublisherLedger::acknowledgedCount).sum();
            long accepted = atQos.stream().mapToLong(PublisherLedger::acceptedCount).sum();
            double expectedFanOut = accepted == 0 ? 0 : (double) tally.expectedDeliveries / accepted;
            double actualFanOut = accepted == 0 ? 0 : (double) (tally.expectedDeliveries - tally.lost) / accepted;
            QosVerdict v = new QosVerdict(qos, atQos.size(), sent, acked, tally.expectedDeliveries, tally.delivered,
                    tally.lost, tally.duplicated, tally.outOfOrder, expectedFanOut, actualFanOut,
                    LatencySummary.of(live.totalLatency(qos)));
            byQos.add(v);
            judge(v, orderingExpected, failures);
        }
        if (unexpected > 0) {
            failures.add(unexpected + " deliveries reached a receiver that did not subscribe to their topic");
        }
        if (malformed > 0) {
            failures.add(malformed + " deliveries carried a payload this tool did not write");
        }
        return new Verdict(byQos, unexpected, malformed, failures);
    }

    private static void judge(QosVerdict v, boolean orderingExpected, List<String> failures) {
        String at = "QoS " + v.qos() + ": ";
        if (v.qos() > 0 && v.lost() > 0) {
            failures.add(at + v.lost() + " acknowledged deliveries lost");
        }
        if (v.qos() == 2 && v.duplicated() > 0) {
            failures.add(at + v.duplicated() + " duplicates (exactly once broken)");
        }
        if (orderingExpected && v.outOfOrder() > 0) {
            failures.add(at + v.outOfOrder() + " messages out of order");
        }
        if (v.expectedDeliveries() > 0 && v.delivered() == 0) {
            failures.add(at + "nothing delivered of " + v.expectedDeliveries() + " expected deliveries");
        }
    }
}
