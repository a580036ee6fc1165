package dev.murmur.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos verdict per phase: every message belongs to the phase its publisher issued it in,
 * and loss, duplicates and reordering injected into one phase show in that phase only.
 */
class PhaseVerdictTest {
    private final Verifier verifier = new Verifier();

    /** Issues n messages, acknowledging all but those where {@code unacked} is true. */
    private static byte[][] publish(PublisherLedger p, int n, boolean ackAll) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            long seq = p.nextSequence();
            out[i] = Payload.create(64, p.qos(), p.id(), seq, System.nanoTime());
            p.sent(seq);
            if (ackAll || i % 2 == 0) {
                p.acknowledged(seq);
            }
        }
        return out;
    }

    private static PhaseVerdict find(List<PhaseVerdict> all, Phase phase, int qos) {
        return all.stream().filter(v -> v.phase() == phase && v.qos() == qos).findFirst().orElseThrow();
    }

    @Test
    void lossDuplicatesAndReorderingLandInThePhaseTheMessageWasIssuedIn() {
        PublisherLedger q1 = verifier.publisher(0, 1);
        PublisherLedger q2 = verifier.publisher(1, 2);
        Member m = verifier.receiver("sub", id -> true).member();

        // before: 100 + 100, all delivered
        for (byte[] b : publish(q1, 100, true)) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        for (byte[] b : publish(q2, 100, true)) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        verifier.startPhase(Phase.DURING);
        // during: QoS 1 — half acknowledged; 5 acknowledged ones lost, 3 delivered twice
        byte[][] during = publish(q1, 40, false);
        for (int i = 0; i < during.length; i++) {
            if (i % 2 == 0 && i < 10) {
                continue; // acknowledged (even) and never delivered: lost
            }
            m.onMessage(during[i], System.nanoTime(), -1);
            if (i >= 10 && i < 16 && i % 2 == 0) {
                m.onMessage(during[i], System.nanoTime(), -1);
            }
        }
        // during: QoS 2 — one duplicate (exactly once broken)
        byte[][] during2 = publish(q2, 20, true);
        for (byte[] b : during2) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        m.onMessage(during2[3], System.nanoTime(), -1);
        verifier.startPhase(Phase.AFTER);
        // after: QoS 1 delivered out of order (second half first)
        byte[][] after = publish(q1, 30, true);
        for (int i = 15; i < 30; i++) {
            m.onMessage(after[i], System.nanoTime(), -1);
        }
        for (int i = 0; i < 15; i++) {
            m.onMessage(after[i], System.nanoTime(), -1);
        }

        List<PhaseVerdict> phases = verifier.phaseVerdicts();
        assertThat(phases).extracting(PhaseVerdict::phase).containsExactly(Phase.BEFORE, Phase.BEFORE, Phase.DURING,
                Phase.DURING, Phase.AFTER, Phase.AFTER);

        PhaseVerdict before1 = find(phases, Phase.BEFORE, 1);
        assertThat(before1).isEqualTo(new PhaseVerdict(Phase.BEFORE, 1, 100, 100, 100, 100, 0, 0, 0));
        assertThat(find(phases, Phase.BEFORE, 2)).isEqualTo(new PhaseVerdict(Phase.BEFORE, 2, 100, 100, 100, 100, 0, 0,
                0));

        PhaseVerdict during1 = find(phases, Phase.DURING, 1);
        assertThat(during1.sent()).isEqualTo(40);
        assertThat(during1.acknowledged()).isEqualTo(20);
        assertThat(during1.expectedDeliveries()).isEqualTo(20);
        assertThat(during1.delivered()).isEqualTo(35); // unacknowledged ones arrive too
        assertThat(during1.lost()).isEqualTo(5);
        assertThat(during1.duplicated()).isEqualTo(3);
        assertThat(during1.outOfOrder()).isZero();
        PhaseVerdict during2v = find(phases, Phase.DURING, 2);
        assertThat(during2v.duplicated()).isEqualTo(1);
        assertThat(during2v.lost()).isZero();

        PhaseVerdict after1 = find(phases, Phase.AFTER, 1);
        assertThat(after1.sent()).isEqualTo(30);
        assertThat(after1.lost()).isZero();
        assertThat(after1.outOfOrder()).isEqualTo(15);
        assertThat(find(phases, Phase.AFTER, 2).sent()).isZero();

        assertThat(verifier.lostByReceiver()).containsExactly(java.util.Map.entry("sub", 5L));

        // The phases add up to the whole-run verdict.
        Verdict whole = verifier.verdict(false);
        for (int qos = 1; qos <= 2; qos++) {
            final int level = qos;
            List<PhaseVerdict> at = phases.stream().filter(v -> v.qos() == level).toList();
            assertThat(at.stream().mapToLong(PhaseVerdict::sent).sum()).isEqualTo(whole.qos(qos).sent());
            assertThat(at.stream().mapToLong(PhaseVerdict::lost).sum()).isEqualTo(whole.qos(qos).lost());
            assertThat(at.stream().mapToLong(PhaseVerdict::duplicated).sum()).isEqualTo(whole.qos(qos).duplicated());
            assertThat(at.stream().mapToLong(PhaseVerdict::delivered).sum()).isEqualTo(whole.qos(qos).delivered());
        }
    }

    @Test
    void withoutAFaultEverythingIsBeforeAndAPhaseStartsOnlyOnce() {
        PublisherLedger p = verifier.publisher(0, 1);
        Member m = verifier.receiver("sub", id -> true).member();
        for (byte[] b : publish(p, 10, true)) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        assertThat(find(verifier.phaseVerdicts(), Phase.BEFORE, 1).sent()).isEqualTo(10);
        assertThat(find(verifier.phaseVerdicts(), Phase.DURING, 1).sent()).isZero();

        verifier.startPhase(Phase.DURING);
        publish(p, 5, true);
        verifier.startPhase(Phase.DURING); // a second start does not move the boundary
        publish(p, 5, true);
        assertThat(find(verifier.phaseVerdicts(), Phase.DURING, 1).sent()).isEqualTo(10);
        assertThat(find(verifier.phaseVerdicts(), Phase.DURING, 1).lost()).isEqualTo(10);
        assertThat(find(verifier.phaseVerdicts(), Phase.AFTER, 1).sent()).isZero();
    }
}
