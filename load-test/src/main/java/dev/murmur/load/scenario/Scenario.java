package dev.murmur.load.scenario;

import java.util.List;

/**
 * One load pattern. The runner calls {@link #setUp} (connect and subscribe everything, register
 * publishers and receivers with the verifier), then {@link #start} and, after warm-up and the
 * measured duration, {@link #stop}; then it drains, takes the verdict and calls
 * {@link #tearDown}. Scenarios are used once.
 */
public interface Scenario {
    /** The subcommand name. */
    String name();

    /** Whether per-publisher order is promised (false for shared subscriptions). */
    default boolean orderingExpected() {
        return true;
    }

    /** False for scenarios that only hold connections (the timeline then says so). */
    default boolean hasTraffic() {
        return true;
    }

    void setUp(RunContext ctx) throws Exception;

    /** Starts traffic (the default drives the set-up publishers with the pacer). */
    default void start(RunContext ctx) {
        ctx.startPublishers();
    }

    /** Called about once a second while traffic flows (reconnect schedules, rounds). */
    default void tick(RunContext ctx, double elapsedSeconds) {
    }

    /** Stops traffic; in-flight messages then drain. */
    default void stop(RunContext ctx) throws Exception {
        ctx.stopPublishers();
    }

    /** Disconnects everything and cleans up state left on the broker. */
    default void tearDown(RunContext ctx) throws Exception {
        ctx.disconnectAll();
    }

    /** Broken promises the verifier cannot see (a missing RETAIN flag, a lost session). */
    default List<String> failures() {
        return List.of();
    }

    /** Every scenario by subcommand name. */
    static Scenario named(String name) {
        return switch (name) {
            case "connections" -> new ConnectionsScenario();
            case "fan-in" -> new FanInScenario();
            case "fan-out" -> new FanOutScenario();
            case "pairs" -> new PairsScenario();
            case "shared" -> new SharedScenario();
            case "retained" -> new RetainedScenario();
            case "persistent" -> new PersistentScenario();
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    /** The subcommand names, in the order the help lists them. */
    List<String> NAMES = List.of("connections", "fan-in", "fan-out", "pairs", "shared", "retained", "persistent");
}
