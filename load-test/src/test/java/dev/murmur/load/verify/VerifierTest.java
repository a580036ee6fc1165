package dev.murmur.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Injects loss, duplicates and reordering between a fake publisher and receiver; each must show. */
class VerifierTest {
    private static final int SIZE = 64;

    private final Verifier verifier = new Verifier();

    private static byte[] payload(PublisherLedger p, long seq) {
        return Payload.create(SIZE, p.qos(), p.id(), seq, System.nanoTime());
    }

    /** Publishes n messages and acknowledges all of them; returns their payloads in order. */
    private static byte[][] publish(PublisherLedger p, int n) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) {
            long seq = p.nextSequence();
            out[i] = payload(p, seq);
            p.sent(seq);
            p.acknowledged(seq);
        }
        return out;
    }

    @Test
    void cleanRunPasses() {
        PublisherLedger p = verifier.publisher(0, 1);
        Member m = verifier.receiver("sub", id -> true).member();
        for (byte[] b : publish(p, 500)) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        Verdict v = verifier.verdict(true);
        QosVerdict q = v.qos(1);
        assertThat(v.failures()).isEmpty();
        assertThat(q.sent()).isEqualTo(500);
        assertThat(q.acknowledged()).isEqualTo(500);
        assertThat(q.delivered()).isEqualTo(500);
        assertThat(q.lost()).isZero();
        assertThat(q.expectedFanOut()).isEqualTo(1.0);
        assertThat(q.actualFanOut()).isEqualTo(1.0);
        assertThat(q.latency().count()).isEqualTo(500);
    }

    @Test
    void injectedLossIsCountedAndFailsQos1() {
        PublisherLedger p = verifier.publisher(0, 1);
        Member m = verifier.receiver("sub", id -> true).member();
        byte[][] msgs = publish(p, 300);
        for (int i = 0; i < msgs.length; i++) {
            if (i % 100 != 7) {
                m.onMessage(msgs[i], System.nanoTime(), -1);
            }
        }
        Verdict v = verifier.verdict(true);
        assertThat(v.qos(1).lost()).isEqualTo(3);
        assertThat(v.qos(1).actualFanOut()).isEqualTo(297.0 / 300);
        assertThat(v.passed()).isFalse();
        assertThat(v.failures()).anyMatch(f -> f.contains("3 acknowledged deliveries lost"));
    }

    @Test
    void lossAtQos0IsReportedButAllowed() {
        PublisherLedger p = verifier.publisher(0, 0);
        Member m = verifier.receiver("sub", id -> true).member();
        byte[][] msgs = publish(p, 10);
        for (int i = 1; i < msgs.length; i++) {
            m.onMessage(msgs[i], System.nanoTime(), -1);
        }
        Verdict v = verifier.verdict(true);
        assertThat(v.qos(0).lost()).isEqualTo(1);
        assertThat(v.passed()).isTrue();
    }

    @Test
    void unacknowledgedMessagesAreNotCountedAsLost() {
        PublisherLedger p = verifier.publisher(0, 1);
        verifier.receiver("sub", id -> true);
        long seq = p.nextSequence();
        p.sent(seq);
        Verdict v = verifier.verdict(true);
        assertThat(v.qos(1).sent()).isEqualTo(1);
        assertThat(v.qos(1).acknowledged()).isZero();
        assertThat(v.qos(1).lost()).isZero();
    }

    @Test
    void injectedDuplicatesAreCountedAndFailQos2Only() {
        PublisherLedger q1 = verifier.publisher(0, 1);
        PublisherLedger q2 = verifier.publisher(1, 2);
        Member m = verifier.receiver("sub", id -> true).member();
        for (PublisherLedger p : new PublisherLedger[] {q1, q2}) {
            byte[][] msgs = publish(p, 20);
            for (byte[] b : msgs) {
                m.onMessage(b, System.nanoTime(), -1);
            }
            m.onMessage(msgs[4], System.nanoTime(), -1);
            m.onMessage(msgs[19], System.nanoTime(), -1);
        }
        Verdict v = verifier.verdict(true);
        assertThat(v.qos(1).duplicated()).isEqualTo(2);
        assertThat(v.qos(2).duplicated()).isEqualTo(2);
        assertThat(v.qos(1).outOfOrder()).as("a duplicate is not a reordering").isZero();
        assertThat(v.failures()).hasSize(1).allMatch(f -> f.startsWith("QoS 2: 2 duplicates"));
    }

    @Test
    void injectedReorderingIsCountedPerPublisherAndConnection() {
        PublisherLedger a = verifier.publisher(0, 1);
        PublisherLedger b = verifier.publisher(1, 1);
        Member m = verifier.receiver("sub", id -> true).member();
        byte[][] fromA = publish(a, 10);
        byte[][] fromB = publish(b, 10);
        // Interleaving two publishers is fine; swapping 3 and 4 of publisher A is one reordering.
        int[] orderA = {0, 1, 2, 4, 3, 5, 6, 7, 8, 9};
        for (int i = 0; i < 10; i++) {
            m.onMessage(fromA[orderA[i]], System.nanoTime(), -1);
            m.onMessage(fromB[i], System.nanoTime(), -1);
        }
        Verdict v = verifier.verdict(true);
        assertThat(v.qos(1).outOfOrder()).isEqualTo(1);
        assertThat(v.qos(1).lost()).isZero();
        assertThat(v.passed()).isFalse();
        assertThat(verifier.verdict(false).passed()).as("shared groups promise no order").isTrue();
    }

    @Test
    void sharedGroupMembersTogetherReceiveEachMessageOnce() {
        PublisherLedger p = verifier.publisher(0, 1);
        Receiver group = verifier.receiver("group", id -> true);
        Member m1 = group.member();
        Member m2 = group.member();
        byte[][] msgs = publish(p, 100);
        for (int i = 0; i < msgs.length; i++) {
            (i % 2 == 0 ? m1 : m2).onMessage(msgs[i], System.nanoTime(), -1);
        }
        m2.onMessage(msgs[0], System.nanoTime(), -1);
        Verdict v = verifier.verdict(false);
        assertThat(v.qos(1).delivered()).isEqualTo(100);
        assertThat(v.qos(1).duplicated()).as("the group got message 0 twice").isEqualTo(1);
        assertThat(v.qos(1).lost()).isZero();
    }

    @Test
    void fanOutCountsEveryReceiverAndMissingOnes() {
        PublisherLedger p = verifier.publisher(0, 1);
        Member[] subs = new Member[4];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = verifier.receiver("sub-" + i, id -> true).member();
        }
        for (byte[] b : publish(p, 50)) {
            for (int i = 0; i < 3; i++) {
                subs[i].onMessage(b, System.nanoTime(), -1);
            }
        }
        QosVerdict q = verifier.verdict(true).qos(1);
        assertThat(q.expectedFanOut()).isEqualTo(4.0);
        assertThat(q.actualFanOut()).isEqualTo(3.0);
        assertThat(q.lost()).isEqualTo(50);
    }

    @Test
    void crossTalkAndForeignPayloadsFailTheRun() {
        PublisherLedger p0 = verifier.publisher(0, 0);
        PublisherLedger p1 = verifier.publisher(1, 0);
        Member onlyP0 = verifier.receiver("pair-0", id -> id == 0).member();
        onlyP0.onMessage(publish(p0, 1)[0], System.nanoTime(), -1);
        onlyP0.onMessage(publish(p1, 1)[0], System.nanoTime(), -1);
        onlyP0.onMessage("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), System.nanoTime(), -1);
        Verdict v = verifier.verdict(true);
        assertThat(v.unexpected()).isEqualTo(1);
        assertThat(v.malformed()).isEqualTo(1);
        assertThat(v.passed()).isFalse();
    }

    @Test
    void warmUpMessagesAreVerifiedButNotTimed() {
        PublisherLedger p = verifier.publisher(0, 1);
        Member m = verifier.receiver("sub", id -> true).member();
        byte[][] early = publish(p, 5);
        verifier.measureFrom(System.nanoTime());
        byte[][] late = publish(p, 7);
        for (byte[] b : early) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        for (byte[] b : late) {
            m.onMessage(b, System.nanoTime(), -1);
        }
        QosVerdict q = verifier.verdict(true).qos(1);
        assertThat(q.delivered()).isEqualTo(12);
        assertThat(q.latency().count()).isEqualTo(7);
    }
}
