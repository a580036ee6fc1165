package dev.murmur.load.verify;

/**
 * Where a message falls on a chaos run's timeline, by when its publisher issued it: before the
 * fault was injected, while it was active, or after it healed.
 */
public enum Phase {
    BEFORE, DURING, AFTER;

    /** Lower-case name for reports ("before", "during", "after"). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
