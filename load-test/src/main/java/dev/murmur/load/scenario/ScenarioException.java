package dev.murmur.load.scenario;

/** A scenario could not set up or run; the message is the reason shown to the user. */
public final class ScenarioException extends RuntimeException {
    public ScenarioException(String message) {
        super(message);
    }
}
