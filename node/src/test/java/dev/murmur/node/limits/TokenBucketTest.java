package dev.murmur.node.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.murmur.node.config.LimitSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Token bucket arithmetic and the publish quota's verdicts, on a hand-driven clock. */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void burstThenRate() {
        TokenBucket b = new TokenBucket(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(b.tryTake(0)).isTrue();
        }
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.tryTake(SECOND / 10)).isTrue(); // one token per 100 ms
        assertThat(b.tryTake(SECOND / 10)).isFalse();
        assertThat(b.tryTake(100 * SECOND)).isTrue(); // refill is capped at the capacity
        for (int i = 0; i < 4; i++) {
            assertThat(b.tryTake(100 * SECOND)).isTrue();
        }
        assertThat(b.tryTake(100 * SECOND)).isFalse();
    }

    @Test
    void debtIsPaidByWaiting() {
        TokenBucket bytes = new TokenBucket(1000, 1000, 0);
        assertThat(bytes.take(1000, 0)).isZero();
        assertThat(bytes.take(500, 0)).isEqualTo(SECOND / 2); // a large packet waits, it is not refused
    }

    @Test
    void publishQuotaPausesThenDisconnectsAPersistentOffender() {
        LimitSettings limits = new LimitSettings(1.0, Duration.ofSeconds(1), 10, 2, 0, 0, Duration.ofSeconds(2), 0, 0);
        PublishThrottle t = new PublishThrottle(limits, 0);
        assertThat(t.onPublish(10, 0)).isEqualTo(PublishThrottle.Ok.INSTANCE);
        assertThat(t.onPublish(10, 0)).isEqualTo(PublishThrottle.Ok.INSTANCE);
        assertThat(t.onPublish(10, 0)).isInstanceOfSatisfying(PublishThrottle.Pause.class,
                p -> assertThat(p.nanos()).isEqualTo(SECOND / 10));
        long now = 0;
        PublishThrottle.Verdict v;
        do { // keeps sending as soon as it is let in: always over quota
            now += SECOND / 10;
            v = t.onPublish(10, now);
        } while (v instanceof PublishThrottle.Pause && now < 10 * SECOND);
        assertThat(v).isEqualTo(PublishThrottle.Disconnect.INSTANCE);
        assertThat(now).isBetween(2 * SECOND, 3 * SECOND);
    }

    @Test
    void aClientBackWithinQuotaStartsAfresh() {
        LimitSettings limits = new LimitSettings(1.0, Duration.ofSeconds(1), 0, 0, 100, 100, Duration.ofSeconds(1), 0, 0);
        PublishThrottle t = new PublishThrottle(limits, 0);
        assertThat(t.onPublish(150, 0)).isInstanceOf(PublishThrottle.Pause.class); // 50 bytes of debt
        assertThat(t.onPublish(10, 5 * SECOND)).isEqualTo(PublishThrottle.Ok.INSTANCE);
        assertThat(t.onPublish(150, 5 * SECOND)).isInstanceOf(PublishThrottle.Pause.class);
        assertThat(t.onPublish(150, 5 * SECOND + SECOND / 2)).isInstanceOf(PublishThrottle.Pause.class);
        assertThat(t.onPublish(150, 6 * SECOND + SECOND / 2)).isEqualTo(PublishThrottle.Disconnect.INSTANCE);
    }

    @Test
    void justFittingAfterAPauseIsStillTheSameOffence() {
        LimitSettings limits = new LimitSettings(1.0, Duration.ofSeconds(1), 10, 10, 0, 0, Duration.ofSeconds(1), 0, 0);
        PublishThrottle t = new PublishThrottle(limits, 0);
        for (int i = 0; i < 10; i++) {
            t.onPublish(1, 0);
        }
        assertThat(t.onPublish(1, 0)).isInstanceOf(PublishThrottle.Pause.class); // offence starts at 0
        long now = 0;
        for (int i = 0; i < 1_000; i++) { // the connection resumes a little after each pause, like a real timer
            PublishThrottle.Verdict v = t.onPublish(1, now);
            if (v == PublishThrottle.Disconnect.INSTANCE) {
                assertThat(now).isBetween(SECOND, 2 * SECOND);
                return;
            }
            if (v instanceof PublishThrottle.Pause p) {
                now += p.nanos() + SECOND / 50;
            }
        }
        throw new AssertionError("a client always at its limit was never disconnected");
    }
}
