package dev.murmur.load.scenario;

import java.time.Duration;

/**
 * Where chaos plugs into a run. The runner calls {@link #before} once every client is connected
 * and subscribed, {@link #during} about once a second while traffic flows, and {@link #after}
 * once publishing stopped and before in-flight messages drain and the verdict is taken. A
 * schedule may kill or partition brokers, drop clients ({@link FaultContext#clients}) or slow
 * them; it records what it did with {@link FaultContext#note} so reports show it on the timeline.
 * Implementations must return promptly or run their own threads.
 */
public interface FaultSchedule {
    /** No faults. */
    FaultSchedule NONE = new FaultSchedule() {
    };

    default void before(FaultContext ctx) {
    }

    /** {@code elapsed} counts from the start of traffic (warm-up included). */
    default void during(FaultContext ctx, Duration elapsed) {
    }

    default void after(FaultContext ctx) {
    }
}
