package dev.murmur.load.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqSetTest {

    @Test
    void inOrderNumbersAreCompactedAndRepeatsRefused() {
        SeqSet set = new SeqSet();
        for (long i = 0; i < 10_000; i++) {
            assertThat(set.add(i)).isTrue();
        }
        assertThat(set.add(5)).isFalse();
        assertThat(set.add(9_999)).isFalse();
        assertThat(set.size()).isEqualTo(10_000);
        assertThat(set.max()).isEqualTo(9_999);
        assertThat(set.contains(0)).isTrue();
        assertThat(set.contains(10_000)).isFalse();
    }

    @Test
    void missingFromCountsGapsAcrossWordBoundaries() {
        SeqSet expected = new SeqSet();
        SeqSet received = new SeqSet();
        for (long i = 0; i < 1_000; i++) {
            expected.add(i);
            if (i != 63 && i != 64 && i != 700) {
                received.add(i);
            }
        }
        assertThat(received.missingFrom(expected)).isEqualTo(3);
        assertThat(expected.missingFrom(received)).isZero();
    }

    @Test
    void receivedBeyondExpectedIsNotMissing() {
        SeqSet expected = new SeqSet();
        SeqSet received = new SeqSet();
        expected.add(0);
        expected.add(2);
        for (long i = 0; i < 200; i++) {
            received.add(i);
        }
        assertThat(received.missingFrom(expected)).isZero();
        assertThat(new SeqSet().missingFrom(expected)).isEqualTo(2);
    }
}
