package dev.murmur.load.scenario;

import dev.murmur.load.client.MqttClient;
import dev.murmur.load.verify.Verifier;
import java.util.List;

/** What a {@link FaultSchedule} may see and touch during a run. */
public interface FaultContext {
    /** The run's settings. */
    RunConfig config();

    /** Every client of the run, publishers and subscribers alike. */
    List<MqttClient> clients();

    /** Records an event on the run's timeline (shown in every report). */
    void note(String what);

    /** The run's verifier (chaos marks the fault's phases on it). */
    Verifier verifier();

    /** {@link System#nanoTime()} at the run's start: report seconds count from here. */
    long startNanos();
}
