package dev.murmur.load.scenario;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives the publishers of one event loop from one periodic task, instead of one timer per
 * client: each tick, every publisher sends what its rate says is due (or, unpaced, a batch while
 * its window and socket allow), then flushes once. A publisher that fell behind catches up by at
 * most one window, so a stalled broker is not answered with a burst.
 */
final class PublishPacer {
    /** Messages one unpaced publisher may write per tick before yielding the loop. */
    private static final int UNPACED_BATCH = 64;
    private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long NANOS_PER_PUBLISHER = 1_000;
    private static final long MAX_CATCH_UP = 1_000;

    private final EventLoop loop;
    private final List<Publisher> publishers = new ArrayList<>();
    private final double ratePerNano;
    private final MessageBudget budget;
    private ScheduledFuture<?> task;
    private long startNanos;

    PublishPacer(EventLoop loop, double ratePerSecond, MessageBudget budget) {
        this.loop = loop;
        this.ratePerNano = ratePerSecond / 1e9;
        this.budget = budget;
    }

    void add(Publisher p) {
        publishers.add(p);
    }

    boolean isEmpty() {
        return publishers.isEmpty();
    }

    void start() {
        long tick = Math.max(MIN_TICK_NANOS, publishers.size() * NANOS_PER_PUBLISHER);
        loop.execute(() -> {
            startNanos = System.nanoTime();
            task = loop.scheduleAtFixedRate(this::tick, 0, tick, TimeUnit.NANOSECONDS);
        });
    }

    void stop() {
        loop.submit(() -> {
            if (task != null) {
                task.cancel(false);
            }
            for (Publisher p : publishers) {
                p.client().flush();
            }
        }).syncUninterruptibly();
    }

    private void tick() {
        long now = System.nanoTime();
        for (Publisher p : publishers) {
            long due;
            if (ratePerNano == 0) {
                due = UNPACED_BATCH;
            } else {
                long target = (long) ((now - startNanos) * ratePerNano) + 1;
                if (target - p.issued > MAX_CATCH_UP) {
                    p.issued = target - MAX_CATCH_UP;
                }
                due = target - p.issued;
            }
            for (long i = 0; i < due && p.tryPublish(budget); i++) {
                // tryPublish did the work
            }
            p.client().flush();
        }
    }
}
