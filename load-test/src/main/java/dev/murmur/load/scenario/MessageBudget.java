package dev.murmur.load.scenario;

import java.util.concurrent.atomic.AtomicLong;

/** The run's remaining message allowance: publishers claim one per message and stop at zero. */
public final class MessageBudget {
    private final AtomicLong remaining;

    public MessageBudget(long max) {
        this.remaining = new AtomicLong(max);
    }

    /** Takes one message from the budget; false once it is spent. */
    public boolean claim() {
        return remaining.getAndUpdate(r -> r > 0 ? r - 1 : 0) > 0;
    }

    public boolean exhausted() {
        return remaining.get() == 0;
    }
}
