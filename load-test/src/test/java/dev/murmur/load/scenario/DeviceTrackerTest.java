package dev.murmur.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The chaos run's fail-over clock: cut off, served again, deliveries resumed, frozen at the end. */
class DeviceTrackerTest {
    private static final long S = 1_000_000_000L;

    @Test
    void recoveryRunsFromTheFaultToTheLastDeviceServedAgain() {
        DeviceTracker t = new DeviceTracker();
        assertThat(t.recoverySeconds(10 * S)).as("nobody cut off").isZero();
        t.cutOff("a", 10 * S);
        t.cutOff("a", 11 * S); // a failed attempt closes again: still one cut-off
        t.cutOff("b", 10 * S);
        assertThat(t.recoverySeconds(10 * S)).as("devices still away").isEqualTo(-1);
        t.served("a", 12 * S, true);
        t.served("b", 14 * S + S / 2, false);
        assertThat(t.cutOffs()).isEqualTo(2);
        assertThat(t.reconnects()).isEqualTo(2);
        assertThat(t.sessionsLost()).isEqualTo(1);
        assertThat(t.recoverySeconds(10 * S)).isEqualTo(4.5);
    }

    @Test
    void deliveriesResumeWhenEverySubscriberGotAMessagePublishedAfterTheFault() {
        DeviceTracker t = new DeviceTracker();
        t.delivered("s1", 5 * S, 4 * S);
        assertThat(t.deliveriesResumedSeconds(2)).as("no fault yet").isEqualTo(-1);
        t.faultStarted(10 * S);
        t.delivered("s1", 11 * S, 9 * S); // published before the fault: does not count
        t.delivered("s1", 13 * S, 12 * S);
        assertThat(t.deliveriesResumedSeconds(2)).as("s2 got nothing new yet").isEqualTo(-1);
        t.delivered("s2", 17 * S, 10 * S);
        t.delivered("s1", 18 * S, 17 * S); // later ones do not move the first
        assertThat(t.deliveriesResumedSeconds(2)).isEqualTo(7.0);
    }

    @Test
    void afterFreezingADropWhileDrainingIsNotTheFaults() {
        DeviceTracker t = new DeviceTracker();
        t.cutOff("a", 10 * S);
        t.served("a", 12 * S, true);
        t.freeze();
        t.cutOff("b", 20 * S);
        assertThat(t.downNow()).isZero();
        assertThat(t.recoverySeconds(10 * S)).isEqualTo(2.0);
    }
}
